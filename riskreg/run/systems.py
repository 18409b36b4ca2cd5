"""AI systems in a run: the targets each claims, coverage and residual risk per system, the gates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from riskreg.models.gate import Gate

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.coverage.graph import CoverageGraph
    from riskreg.models.coverage import Coverage
    from riskreg.models.criteria import Criteria
    from riskreg.models.finding import Report
    from riskreg.models.posture import ResidualGate, SystemSummary
    from riskreg.models.risk import Register
    from riskreg.models.system import SystemFile
    from riskreg.register.posture import Placed


@dataclass(frozen=True)
class SystemsView:
    """The register's AI systems as read (`defined`, maybe none) and those a run uses (`placed`:
    the defined ones, or the implicit system `all`), with the register's criteria."""

    defined: list[SystemFile]
    placed: list[Placed]
    criteria: Criteria


@dataclass(frozen=True)
class Analysis:
    """Coverage of a run with its per-system section, the graph behind it, the residual gate
    read from it, and the warnings to show."""

    coverage: Coverage
    built: CoverageGraph
    gate: ResidualGate
    messages: tuple[str, ...] = ()


def load_view(settings: Settings, register: Register) -> SystemsView:
    """The systems and criteria of the settings' register; an invalid file raises exit 3."""
    from riskreg.register.criteria import load_criteria
    from riskreg.register.posture import Placed, placed
    from riskreg.register.scope import implicit_system
    from riskreg.register.systems import load_checked

    criteria = load_criteria(settings.risks)
    loaded = load_checked(settings.risks, register, criteria)
    found = [replace(placed(item), file=_shown(item.path)) for item in loaded]
    return SystemsView(
        defined=[item.content for item in loaded],
        placed=found or [Placed(implicit_system(criteria.scale))],
        criteria=criteria,
    )


def _shown(path: Path) -> str:
    """A path as reports show it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def due_messages(settings: Settings, view: SystemsView) -> list[str]:
    """Warnings for overdue reviews and for acceptances that expire soon or have expired."""
    from riskreg.register.gating import due_warnings

    return due_warnings(view.defined, settings.now.date(), settings.waiver_warn_days)


def evaluated_targets(report: Report) -> dict[str, tuple[str, ...]]:
    """Target name -> its AIDeployments; a report saved before schema 2 names its targets only
    through findings, so there systems can claim them by path but not by AIDeployment."""
    if report.targets:
        return {target.name: tuple(target.deployments) for target in report.targets}
    return dict.fromkeys(sorted({finding.target for finding in report.findings}), ())


def analyse_run(
    settings: Settings, register: Register, report: Report, view: SystemsView
) -> Analysis:
    """Coverage of the risks some system scopes (over every target), then per system: its
    targets, its risks' coverage on those alone, inherent and residual risk, and what is due."""
    return analyse(register, report, view, settings.now.date(), settings.waiver_warn_days)


def analyse(
    register: Register, report: Report, view: SystemsView, today: dt.date, warn_days: int
) -> Analysis:
    """`analyse_run` on an explicit day and warning window (pure: no settings, no files)."""
    from riskreg.coverage.assess import assess
    from riskreg.coverage.graph import build_graph
    from riskreg.coverage.systems import system_risks
    from riskreg.register.gating import claim_warnings, residual_gate, systems_section
    from riskreg.register.posture import system_posture
    from riskreg.register.scope import scope_map, target_owners

    systems = [item.content for item in view.placed]
    targets = evaluated_targets(report)
    owners = target_owners(systems, targets)
    scoped = scope_map(systems, register)
    union = {risk_id for ids in scoped.values() for risk_id in ids}
    built = build_graph(
        [risk for risk in register.risks if risk.id in union], report.controls, report.findings
    )
    coverage = assess(built, register.version)
    postures = []
    for item in view.placed:
        mine = [name for name, claimants in owners.items() if item.id in claimants]
        covered = system_risks(built, coverage.controls, scoped[item.id], mine)
        postures.append(system_posture(item, register, view.criteria, covered, mine, today))
    claims = {name: (targets[name], owners[name]) for name in targets}
    section = systems_section(
        postures, view.defined, register, view.criteria.scale, claims, today, warn_days
    )
    coverage = coverage.model_copy(update={"systems": section})
    return Analysis(coverage, built, residual_gate(section), tuple(claim_warnings(section)))


def apply_gates(
    settings: Settings, register: Register, report: Report, view: SystemsView
) -> tuple[Report, list[str]]:
    """The report judged by the settings' gates: with `residual`, the residual gate is added and
    decides with (or, alone, instead of) the controls gate; errors always fail."""
    from riskreg.policy.report import gate_passes

    gates = settings.gates
    if Gate.RESIDUAL not in gates:
        return report, []
    analysis = analyse_run(settings, register, report, view)
    gate = analysis.gate
    controls_ok = gate_passes(report.findings, report.fail_on, report.errors, report.baseline)
    # Other gates asked for (require-verified) hold whatever decides the exit code.
    others_ok = all(result.passed for result in report.gates)
    passed = report.summary.errors == 0 and gate.passed and others_ok
    if Gate.CONTROLS in gates:
        passed = passed and controls_ok
    judged = report.model_copy(
        update={"residual_gate": gate, "decided_by": list(gates), "passed_gate": passed}
    )
    return judged, [*analysis.messages, *not_judged_lines(gate.not_judged)]


def not_judged_lines(systems: Sequence[str]) -> list[str]:
    """Stderr notes for systems the residual gate could not judge in this run."""
    return [
        f"note: system {system} claims no target of this run; its residual risk is not gated"
        for system in systems
    ]


def list_systems(settings: Settings) -> list[SystemSummary]:
    """The register's AI systems (the implicit `all` when it defines none), sorted by id."""
    from riskreg.register.posture import summary
    from riskreg.run.engine import load_register

    register = load_register(settings)
    view = load_view(settings, register)
    today = settings.now.date()
    found = [summary(item, register, view.criteria, today) for item in view.placed]
    return sorted(found, key=lambda item: item.id)
