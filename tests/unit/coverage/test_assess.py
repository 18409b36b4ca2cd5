"""Statuses and reasons of the coverage graph, on the small register of the golden fixture."""

from __future__ import annotations

import pytest

from riskreg.coverage.assess import analyse
from riskreg.models.assurance import Assurance, RiskStatus
from riskreg.models.coverage import Coverage
from riskreg.models.finding import Outcome, Report
from tests.golden import build_fixture


@pytest.fixture(scope="module")
def coverage() -> Coverage:
    report = build_fixture.build()
    _, result = analyse(build_fixture.register(), report)
    return result


def _mitigation(coverage: Coverage, mid: str) -> tuple[Assurance, list[str]]:
    found = next(m for r in coverage.risks for m in r.mitigations if m.id == mid)
    return found.status, found.reasons


def test_mitigation_statuses(coverage: Coverage) -> None:
    assert _mitigation(coverage, "mit1158.m2")[0] is Assurance.VERIFIED
    assert _mitigation(coverage, "mit1163.m1")[0] is Assurance.FAILING
    assert _mitigation(coverage, "mit1158.m3")[0] is Assurance.ATTESTED
    assert _mitigation(coverage, "mit1163.m2") == (
        Assurance.GAP,
        ["mit1163.m2 has no control"],
    )


def test_control_that_applies_nowhere_proves_nothing(coverage: Coverage) -> None:
    assert _mitigation(coverage, "mit1158.m1") == (
        Assurance.GAP,
        ["PRO-001 applies to no evaluated target"],
    )


def test_failure_reason_names_control_target_and_resource(coverage: Coverage) -> None:
    _, reasons = _mitigation(coverage, "mit1163.m1")
    assert reasons == [
        "NET-002 failed on examples/deployments/coding-agent: "
        f"Deployment/agents/coder{build_fixture.XSS}"
    ]


def test_risk_statuses(coverage: Coverage) -> None:
    statuses = {risk.id: risk.status for risk in coverage.risks}
    assert statuses == {
        "mit1158": RiskStatus.PARTIAL,
        "mit1163": RiskStatus.FAILING,
        "mit1166": RiskStatus.COVERED,
        "mit9999": RiskStatus.UNCOVERED,
    }
    assert coverage.risks_by_status == {"covered": 1, "partial": 1, "failing": 1, "uncovered": 1}


def test_gaps_are_worst_first(coverage: Coverage) -> None:
    order = [(gap.status.value, gap.mitigation_id) for gap in coverage.gaps]
    assert order == [
        ("failing", "mit1163.m1"),
        ("gap", "mit1158.m1"),
        ("gap", "mit1163.m2"),
        ("gap", None),
        ("attested", "mit1158.m3"),
        ("attested", "mit1166.m1"),
    ]


def test_rollups_by_domain_and_causal_entity(coverage: Coverage) -> None:
    domains = {r.group: r.total for r in coverage.rollups_for("domain")}
    assert domains == {
        "2. Privacy & Security": 1,
        "7. AI System Safety, Failures, & Limitations": 2,
        "unclassified": 1,
    }
    assert [r.group for r in coverage.rollups_for("entity")] == ["2 - AI", "unclassified"]


def test_framework_clause_fails_when_any_citing_control_fails(coverage: Coverage) -> None:
    clauses = {(f.framework, c.clause): c.status for f in coverage.frameworks for c in f.clauses}
    assert clauses[("eu_ai_act", "Art. 15")] is Assurance.FAILING
    assert clauses[("iso_iec_42001", "A.6.2.6")] is Assurance.ATTESTED


def test_error_outcome_counts_as_failing() -> None:
    report = build_fixture.build()
    erred = [
        f.model_copy(update={"outcome": Outcome.ERROR}) if f.control_id == "FLT-001" else f
        for f in report.findings
    ]
    _, result = analyse(build_fixture.register(), report.model_copy(update={"findings": erred}))
    assert _mitigation(result, "mit1166.m1")[1] == [
        "FLT-001 could not be evaluated on examples/deployments/public-chat-api"
    ]


def test_waived_failure_is_still_failing_for_assurance() -> None:
    """A waiver lets the gate pass; it does not make the control hold."""
    report: Report = build_fixture.build()
    waived = [
        f.model_copy(update={"outcome": Outcome.WAIVED}) if f.outcome is Outcome.FAIL else f
        for f in report.findings
    ]
    _, result = analyse(build_fixture.register(), report.model_copy(update={"findings": waived}))
    status, reasons = _mitigation(result, "mit1163.m1")
    assert status is Assurance.FAILING
    assert reasons[0].startswith("NET-002 failed (waived) on examples/deployments/coding-agent")


def test_attested_pass_is_not_verified(coverage: Coverage) -> None:
    status, reasons = _mitigation(coverage, "mit1166.m1")
    assert status is Assurance.ATTESTED
    assert reasons == ["FLT-001 passed on self-declared fields only (attested, not verified)"]


def test_pass_without_recorded_assurance_counts_as_attested() -> None:
    report = build_fixture.build()
    bare = [f.model_copy(update={"assurance": None}) for f in report.findings]
    _, result = analyse(build_fixture.register(), report.model_copy(update={"findings": bare}))
    assert _mitigation(result, "mit1158.m2")[0] is Assurance.ATTESTED


def test_a_team_owned_mitigation_is_assured_by_the_controls_the_register_links() -> None:
    from riskreg.models.risk import Mitigation

    register = build_fixture.register()
    team = Mitigation(
        id="mit1166.t1", title="Team egress proxy", description="DLP proxy.", controls=["ISO-001"]
    )
    risks = [
        risk.model_copy(update={"mitigations": [*risk.mitigations, team]})
        if risk.id == "mit1166"
        else risk
        for risk in register.risks
    ]
    linked = register.model_copy(update={"risks": risks})
    _, result = analyse(linked, build_fixture.build())
    status, _ = _mitigation(result, "mit1166.t1")
    assert status is Assurance.VERIFIED  # ISO-001 passed on real configuration
    [mitigation] = [m for r in result.risks for m in r.mitigations if m.id == "mit1166.t1"]
    assert mitigation.controls == ["ISO-001"]
