"""Assurance statuses over the coverage graph: per control, per mitigation, per risk, with reasons.

Statuses are written back onto the graph's nodes (`status`) so the exported graph shows them.
"""

from __future__ import annotations

from collections import Counter

from riskreg.coverage.graph import (
    FAILED,
    NOT_APPLICABLE,
    CoverageGraph,
    build_graph,
    control_node,
    mitigation_node,
    risk_node,
)
from riskreg.coverage.rollup import framework_coverage, gap_list, rollups
from riskreg.models.assurance import Assurance, RiskStatus
from riskreg.models.coverage import (
    Causal,
    ControlCoverage,
    Coverage,
    MitigationCoverage,
    RiskCoverage,
    TargetResult,
)
from riskreg.models.finding import Report
from riskreg.models.risk import Register, Risk

_ASSURED = frozenset({Assurance.VERIFIED, Assurance.ATTESTED})
_FAILURE_VERBS = {
    "fail": "failed",
    "waived": "failed (waived)",
    "fail-warn-mode": "failed (enforcement: warn)",
}


def assess(built: CoverageGraph, register_version: str) -> Coverage:
    """The full coverage answer for a built graph, over every target of the run."""
    controls = assess_controls(built)
    risks = [risk_coverage(built, risk, controls) for risk in built.risks.values()]
    _annotate(built, controls, risks)
    mitigations = [m for risk in risks for m in risk.mitigations]
    return Coverage(
        register_version=register_version,
        risks_by_status=count((r.status for r in risks), RiskStatus),
        mitigations_by_status=count((m.status for m in mitigations), Assurance),
        risks=risks,
        controls=list(controls.values()),
        rollups=rollups(risks),
        frameworks=framework_coverage(list(built.controls.values()), controls),
        gaps=gap_list(risks),
    )


def assess_controls(built: CoverageGraph) -> dict[str, ControlCoverage]:
    """Every control with its verdict per target and its status over all of them, by id."""
    return {cid: _control(built, cid) for cid in sorted(built.controls)}


def _annotate(
    built: CoverageGraph, controls: dict[str, ControlCoverage], risks: list[RiskCoverage]
) -> None:
    """Write the statuses onto the graph's nodes, so the exported graph shows them."""
    nodes = built.graph.nodes
    for control in controls.values():
        nodes[control_node(control.id)]["status"] = control.status.value
    for risk in risks:
        nodes[risk_node(risk.id)]["status"] = risk.status.value
        for mitigation in risk.mitigations:
            nodes[mitigation_node(mitigation.id)]["status"] = mitigation.status.value


def count(statuses: object, enum: type[Assurance] | type[RiskStatus]) -> dict[str, int]:
    """How many of `statuses` are in each member of `enum` (every member listed, in order)."""
    counted = Counter(status.value for status in statuses)  # type: ignore[attr-defined]
    return {member.value: counted.get(member.value, 0) for member in enum}


def _control(built: CoverageGraph, control_id: str) -> ControlCoverage:
    control = built.controls[control_id]
    results = [
        TargetResult(
            target=target,
            outcome=outcome,
            assurance=assurance if outcome not in FAILED else None,
            resources=sorted(set(built.resources.get((control_id, target), []))),
        )
        for target, outcome, assurance in built.results_of(control_id)
    ]
    return ControlCoverage(
        id=control.id,
        title=control.title,
        severity=control.severity.value,
        mitigates=control.mitigates,
        status=control_status(results),
        results=results,
    )


def control_status(results: list[TargetResult]) -> Assurance:
    """failing anywhere; else verified when some target's pass judged real configuration, attested
    when passes rest only on self-declared fields; gap when it applied to no target."""
    if any(result.outcome in FAILED for result in results):
        return Assurance.FAILING
    # A pass without an assurance (a report saved before riskreg recorded it) proves no more
    # than a declaration.
    held = {
        result.assurance or "attested" for result in results if result.outcome != NOT_APPLICABLE
    }
    if "verified" in held:
        return Assurance.VERIFIED
    if "attested" in held:
        return Assurance.ATTESTED
    return Assurance.GAP  # applies to no evaluated target: proves nothing


def _failure_reasons(control: ControlCoverage) -> list[str]:
    reasons = []
    for result in control.results:
        if result.outcome in FAILED:
            verb = _FAILURE_VERBS.get(result.outcome, "could not be evaluated")
            where = f": {', '.join(result.resources)}" if result.resources else ""
            reasons.append(f"{control.id} {verb} on {result.target}{where}")
    return reasons


def _mitigation(
    built: CoverageGraph, mitigation_id: str, controls: dict[str, ControlCoverage]
) -> MitigationCoverage:
    mitigation = built.mitigations[mitigation_id]
    linked = [controls[cid] for cid in built.controls_of(mitigation_id) if cid in controls]
    status, reasons = _mitigation_status(mitigation_id, linked, mitigation.attestation is not None)
    if status is Assurance.ATTESTED and mitigation.attestation is not None:
        attested = mitigation.attestation
        reasons.append(
            f"{mitigation_id} attested by {attested.by} on {attested.date}: {attested.evidence}"
        )
    return MitigationCoverage(
        id=mitigation_id,
        title=mitigation.title,
        status=status,
        controls=[control.id for control in linked],
        reasons=reasons,
        attestation=mitigation.attestation,
    )


def _mitigation_status(
    mitigation_id: str, linked: list[ControlCoverage], attested: bool
) -> tuple[Assurance, list[str]]:
    failing = [reason for control in linked for reason in _failure_reasons(control)]
    if failing:
        return Assurance.FAILING, failing
    if any(control.status is Assurance.VERIFIED for control in linked):
        return Assurance.VERIFIED, []
    declared = [c.id for c in linked if c.status is Assurance.ATTESTED]
    reasons = [
        f"{cid} passed on self-declared fields only (attested, not verified)" for cid in declared
    ]
    reasons += [
        f"{control.id} applies to no evaluated target"
        for control in linked
        if control.status is Assurance.GAP
    ]
    if declared or attested:
        return Assurance.ATTESTED, reasons
    if not linked:
        reasons.append(f"{mitigation_id} has no control")
    return Assurance.GAP, reasons


def risk_coverage(
    built: CoverageGraph, risk: Risk, controls: dict[str, ControlCoverage]
) -> RiskCoverage:
    """A risk with its mitigations' statuses as `controls` (all targets, or one system's) give."""
    mitigations = [_mitigation(built, m.id, controls) for m in risk.mitigations]
    status = _risk_status(mitigations)
    if not mitigations:
        reasons = [f"{risk.id} has no mitigations"]
    else:
        reasons = [r for m in mitigations if m.status not in _ASSURED for r in m.reasons]
    causal = risk.causal
    return RiskCoverage(
        id=risk.id,
        title=risk.title,
        description=risk.description,
        domain=str(risk.domain) if risk.domain else None,
        subdomain=str(risk.subdomain) if risk.subdomain else None,
        causal=Causal(
            entity=str(causal.entity), intent=str(causal.intent), timing=str(causal.timing)
        )
        if causal
        else None,
        status=status,
        reasons=reasons,
        mitigations=mitigations,
    )


def _risk_status(mitigations: list[MitigationCoverage]) -> RiskStatus:
    statuses = {m.status for m in mitigations}
    if Assurance.FAILING in statuses:
        return RiskStatus.FAILING
    if statuses and statuses <= _ASSURED:
        return RiskStatus.COVERED
    if statuses & _ASSURED:
        return RiskStatus.PARTIAL
    return RiskStatus.UNCOVERED


def analyse(register: Register, report: Report) -> tuple[CoverageGraph, Coverage]:
    """Graph and coverage of a register against one run's report."""
    built = build_graph(register.risks, report.controls, report.findings)
    return built, assess(built, register.version)
