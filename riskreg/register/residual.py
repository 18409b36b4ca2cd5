"""Residual risk from evidence, and the `--gate residual` decision: above appetite, not accepted.

Pure functions: the caller gives, per system, the assurance of each mitigation
(`riskreg.models.assurance.Assurance`, computed over that system's targets); a mitigation missing
from the mapping counts as a gap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from riskreg.models.assessment import Assessment, RiskEntry, RiskTreatment
from riskreg.models.assurance import Assurance
from riskreg.models.criteria import Criteria, ResidualRule, Scale, Score
from riskreg.models.risk import Treatment
from riskreg.models.system import SystemFile

Assurances = Mapping[str, Assurance]


def inherent(assessment: Assessment, scale: Scale) -> Score:
    """The assessed likelihood and impact and the level the matrix gives them."""
    return _score(
        scale,
        scale.rank("likelihood", assessment.likelihood),
        scale.rank("impact", assessment.impact),
    )


def residual(
    assessment: Assessment,
    treatment: RiskTreatment | None,
    assurances: Assurances,
    rule: ResidualRule,
    scale: Scale,
) -> Score:
    """Inherent risk lowered by the treatment's mitigations as the rule credits their assurance.

    Each mitigation lowers likelihood by `rule.likelihood_steps[state]` levels, and impact by
    `rule.impact_steps[id]` when its state is in `rule.impact_when`; neither goes below the lowest
    level. The decision itself (accept, transfer, avoid) lowers nothing: only evidence does.
    """
    likelihood = scale.rank("likelihood", assessment.likelihood)
    impact = scale.rank("impact", assessment.impact)
    for mitigation in treatment.mitigations if treatment else []:
        state = assurances.get(mitigation, Assurance.GAP)
        likelihood -= rule.likelihood_steps.get(state, 0)
        if state in rule.impact_when:
            impact -= rule.impact_steps.get(mitigation, 0)
    return _score(scale, max(likelihood, 0), max(impact, 0))


def _score(scale: Scale, likelihood: int, impact: int) -> Score:
    return Score(
        likelihood=scale.likelihood[likelihood],
        impact=scale.impact[impact],
        level=scale.level(likelihood, impact),
    )


def acceptance_valid(treatment: RiskTreatment | None, today: dt.date) -> bool:
    """An acceptance counts from its approval day through its last day (`expires`)."""
    if treatment is None or treatment.decision is not Treatment.ACCEPT:
        return False
    assert (
        treatment.expires is not None and treatment.approved is not None
    )  # the model requires them
    return treatment.approved <= today <= treatment.expires


@dataclass(frozen=True)
class Position:
    """Where one assessed risk of one system stands against the system's appetite."""

    system: str
    risk: str
    inherent: Score
    residual: Score
    appetite: str
    above_appetite: bool
    accepted: bool
    mitigations: dict[str, Assurance] = field(default_factory=dict)
    owner: str | None = None
    decision: Treatment | None = None

    @property
    def breach(self) -> bool:
        """Residual above appetite without a valid acceptance: fails `--gate residual`."""
        return self.above_appetite and not self.accepted


def position(
    system: SystemFile, entry: RiskEntry, assurances: Assurances, criteria: Criteria, today: dt.date
) -> Position | None:
    """The position of one entry; None while the risk is not assessed."""
    if entry.assessment is None:
        return None
    scale = criteria.scale
    left = residual(entry.assessment, entry.treatment, assurances, criteria.residual, scale)
    appetite = system.system.appetite
    mitigations = entry.treatment.mitigations if entry.treatment else []
    return Position(
        system=system.system.id,
        risk=entry.risk,
        inherent=inherent(entry.assessment, scale),
        residual=left,
        appetite=appetite,
        above_appetite=scale.rank("levels", left.level) > scale.rank("levels", appetite),
        accepted=acceptance_valid(entry.treatment, today),
        mitigations={m: assurances.get(m, Assurance.GAP) for m in mitigations},
        owner=entry.owner,
        decision=entry.treatment.decision if entry.treatment else None,
    )


def positions(
    system: SystemFile, assurances: Assurances, criteria: Criteria, today: dt.date
) -> list[Position]:
    """The positions of every assessed risk of a system, in file order."""
    found = (position(system, entry, assurances, criteria, today) for entry in system.risks)
    return [item for item in found if item is not None]


@dataclass(frozen=True)
class GateDecision:
    """The `--gate residual` answer: passed, and every breach that failed it."""

    passed: bool
    breaches: list[Position]
    positions: list[Position]


def residual_gate(
    systems: list[SystemFile],
    assurances: Mapping[str, Assurances],
    criteria: Criteria,
    today: dt.date,
) -> GateDecision:
    """Fails when any system has an assessed risk above its appetite without a valid acceptance.

    `assurances` is keyed by system id; a system missing from it has every mitigation as a gap.
    Unassessed risks do not fail this gate (they are reported as unassessed instead).
    """
    every = [
        item
        for system in systems
        for item in positions(system, assurances.get(system.system.id, {}), criteria, today)
    ]
    breaches = [item for item in every if item.breach]
    return GateDecision(passed=not breaches, breaches=breaches, positions=every)
