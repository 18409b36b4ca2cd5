"""A project's register laid over the built-in one: its risks add to them, and a risk both define is the project's, with every built-in mitigation kept.

Built-in controls cite built-in mitigation ids in their METADATA; keeping every built-in
mitigation of a risk the project redefines means no built-in control ever dangles, whatever the
project writes. A mitigation id both define is the project's version (its title, description,
attestation); a project cannot remove a built-in mitigation (turn the built-ins off for that).
"""

from __future__ import annotations

from riskreg.models.risk import Mitigation, Register, Risk, risk_sort_key
from riskreg.register.store import register_version


def _merged_mitigations(builtin: Risk, project: Risk) -> list[Mitigation]:
    mine = {mitigation.id: mitigation for mitigation in project.mitigations}
    kept = [mitigation for mitigation in builtin.mitigations if mitigation.id not in mine]
    return sorted([*project.mitigations, *kept], key=lambda m: risk_sort_key(m.id))


def _merged(builtin: Risk, project: Risk) -> Risk:
    return project.model_copy(update={"mitigations": _merged_mitigations(builtin, project)})


def overlay(builtin: Register, project: Register) -> Register:
    """The built-in register with the project's risks added; a risk id both define is the
    project's entry, with the built-in mitigations it does not redefine kept."""
    risks = {risk.id: risk for risk in builtin.risks}
    for risk in project.risks:
        base = risks.get(risk.id)
        risks[risk.id] = risk if base is None else _merged(base, risk)
    ordered = sorted(risks.values(), key=lambda risk: risk_sort_key(risk.id))
    return Register(risks=ordered, version=register_version(ordered))
