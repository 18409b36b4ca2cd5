"""Coverage per AI system on the golden fixture: each system sees only its own targets."""

from __future__ import annotations

import datetime as dt

from riskreg.coverage.assess import analyse as analyse_all
from riskreg.models.assurance import Assurance
from riskreg.models.criteria import Criteria
from riskreg.models.finding import EvaluatedTarget, Report
from riskreg.models.posture import SystemCoverage
from riskreg.models.system import SystemFile
from riskreg.register.posture import Placed
from riskreg.register.scope import implicit_system
from riskreg.run.systems import Analysis, SystemsView, analyse, evaluated_targets
from tests.golden import build_fixture
from tests.golden.build_fixture import AGENT, CHAT, TODAY

LEGACY = "examples/deployments/legacy"


def _analysis(systems: list[SystemFile], report: Report | None = None) -> Analysis:
    placed = [Placed(item, f"risks/systems/{item.system.id}.yaml") for item in systems]
    view = SystemsView(
        defined=systems, placed=placed or [Placed(implicit_system(Criteria().scale))],
        criteria=Criteria(),
    )  # fmt: skip
    return analyse(build_fixture.register(), report or build_fixture.build(), view, TODAY, 14)


def _system(analysis: Analysis, system_id: str) -> SystemCoverage:
    assert analysis.coverage.systems is not None
    return next(item for item in analysis.coverage.systems.systems if item.id == system_id)


def _states(item: SystemCoverage, risk: str) -> dict[str, Assurance]:
    pair = next(pair for pair in item.risks if pair.risk == risk)
    return {m.id: m.status for m in pair.mitigations}


def test_a_failure_on_one_system_does_not_fail_the_other() -> None:
    analysis = _analysis(build_fixture.systems())
    # NET-002 fails on the coder's target and passes (verified) on the chat's
    assert _states(_system(analysis, "coder"), "mit1163")["mit1163.m1"] is Assurance.FAILING
    assert _states(_system(analysis, "chat"), "mit1163")["mit1163.m1"] is Assurance.VERIFIED
    # ...while coverage over every target still calls it failing
    [global_m1] = [
        m for r in analysis.coverage.risks for m in r.mitigations if m.id == "mit1163.m1"
    ]
    assert global_m1.status is Assurance.FAILING


def test_targets_are_claimed_by_deployment_or_path_and_the_rest_is_unowned() -> None:
    analysis = _analysis(build_fixture.systems())
    assert _system(analysis, "coder").targets == [AGENT]  # by AIDeployment dev-tools/coding-agent
    assert _system(analysis, "chat").targets == [CHAT]  # by target path
    assert analysis.coverage.systems is not None
    assert analysis.coverage.systems.unowned_targets == [LEGACY]
    assert any("legacy is claimed by no AI system" in line for line in analysis.messages)


def test_a_target_claimed_by_two_systems_counts_for_both() -> None:
    coder, chat = build_fixture.systems()
    data = chat.model_dump(mode="json")
    data["system"]["evidence"]["targets"] = [CHAT, AGENT]
    analysis = _analysis([coder, SystemFile.model_validate(data)])
    assert _system(analysis, "chat").targets == [AGENT, CHAT]
    # the coder's failure now reaches the chat too
    assert _states(_system(analysis, "chat"), "mit1163")["mit1163.m1"] is Assurance.FAILING
    assert analysis.coverage.systems is not None
    [claim] = [c for c in analysis.coverage.systems.targets if c.target == AGENT]
    assert claim.systems == ["coder", "chat"]


def test_only_scoped_risks_are_covered_and_the_rest_are_counted_as_unassessed() -> None:
    analysis = _analysis(build_fixture.systems())
    assert [risk.id for risk in analysis.coverage.risks] == ["mit1158", "mit1163", "mit1166"]
    assert all(gap.risk_id != "mit9999" for gap in analysis.coverage.gaps)
    assert analysis.coverage.systems is not None
    assert analysis.coverage.systems.unassessed == {"unclassified": 1}
    excluded = [pair for pair in _system(analysis, "chat").risks if not pair.in_scope]
    assert [(p.risk, p.exclusion) for p in excluded] == [("mit9999", "Not applicable | *really*")]


def test_residual_scores_heat_maps_and_the_gate() -> None:
    analysis = _analysis(build_fixture.systems())
    coder, chat = _system(analysis, "coder"), _system(analysis, "chat")
    pairs = {pair.risk: pair for pair in coder.risks}
    # mit1158: unlikely x severe (high); mit1158.m2 verified -> rare x severe (medium)
    assert (pairs["mit1158"].inherent, pairs["mit1158"].residual) == ("high", "medium")
    assert (pairs["mit1163"].residual, pairs["mit1163"].breach) == ("high", True)
    assert coder.breaches == ["mit1163"]
    assert coder.inherent_map[1][4] == 1 and coder.residual_map[0][4] == 1  # rows: rare first
    assert sum(map(sum, coder.residual_map)) == 2
    accepted = next(pair for pair in chat.risks if pair.risk == "mit1166")
    assert accepted.above_appetite and accepted.accepted and not accepted.breach
    gate = analysis.gate
    assert not gate.passed and [(b.system, b.risk) for b in gate.breaches] == [("coder", "mit1163")]
    assert [(a.system, a.risk, a.expires) for a in gate.accepted] == [
        ("chat", "mit1166", dt.date(2026, 2, 10))
    ]


def test_a_system_without_a_target_in_the_run_is_not_judged() -> None:
    report = build_fixture.build()
    only_chat = report.model_copy(
        update={
            "targets": [EvaluatedTarget(name=CHAT)],
            "findings": [f for f in report.findings if f.target == CHAT],
        }
    )
    gate = _analysis(build_fixture.systems(), only_chat).gate
    assert gate.passed and gate.judged == ["chat"] and gate.not_judged == ["coder"]


def test_without_systems_one_implicit_system_holds_everything_as_before() -> None:
    report = build_fixture.build()
    analysis = _analysis([], report)
    _, before = analyse_all(build_fixture.register(), report)
    assert analysis.coverage.model_copy(update={"systems": None}) == before
    [item] = analysis.coverage.systems.systems if analysis.coverage.systems else []
    assert item.implicit and item.targets == [AGENT, LEGACY, CHAT]
    assert item.in_scope == len(build_fixture.register().risks) and not item.breaches
    assert analysis.gate.passed and analysis.messages == ()


def test_a_report_saved_before_schema_2_names_its_targets_through_findings() -> None:
    old = build_fixture.build().model_copy(update={"targets": []})
    assert evaluated_targets(old) == {AGENT: (), CHAT: ()}


def test_overdue_reviews_and_expiring_acceptances_are_listed() -> None:
    section = _analysis(build_fixture.systems()).coverage.systems
    assert section is not None
    assert [(r.system, r.risk, r.days_overdue) for r in section.overdue_reviews] == [
        ("chat", "mit1163", 16),
        ("coder", "mit1163", 16),
    ]
    assert [(a.risk, a.state.value, a.days_left) for a in section.acceptances] == [
        ("mit1166", "expiring", 10)
    ]
