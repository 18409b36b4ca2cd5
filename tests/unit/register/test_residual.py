"""Residual risk from assurance under the default and custom rules, and the residual gate."""

from __future__ import annotations

import datetime as dt

import pytest

from riskreg.models.assessment import Assessment, RiskTreatment
from riskreg.models.assurance import Assurance
from riskreg.models.criteria import Criteria, ResidualRule, Scale
from riskreg.models.risk import Treatment
from riskreg.register.residual import acceptance_valid, inherent, residual, residual_gate

from .systems_data import (
    COMMITTED,
    EXAMPLE_ASSURANCES,
    TODAY,
    A,
    F,
    G,
    V,
    changed,
    example,
    load_all,
)

SCALE = Scale()
RULE = ResidualRule()
LIKELY_MAJOR = Assessment(
    likelihood="likely", impact="major", assessor="ana", date=TODAY, next_review=TODAY
)


def mitigate(*ids: str) -> RiskTreatment:
    return RiskTreatment.model_validate({"decision": "mitigate", "mitigations": list(ids)})


def test_inherent() -> None:
    assert inherent(LIKELY_MAJOR, SCALE).model_dump() == {
        "likelihood": "likely",
        "impact": "major",
        "level": "high",
    }


@pytest.mark.parametrize(
    ("states", "likelihood", "level"),
    [
        ([], "likely", "high"),
        ([V], "possible", "high"),
        ([V, V], "unlikely", "medium"),
        ([V, V, V], "rare", "low"),
        ([V, V, V, V, V], "rare", "low"),  # never below the lowest level
        ([A, F, G], "likely", "high"),  # only verified counts by default
        ([V, A, F], "possible", "high"),
    ],
)
def test_default_rule(states: list[Assurance], likelihood: str, level: str) -> None:
    ids = [f"mit1.m{n}" for n in range(1, len(states) + 1)]
    assurances = dict(zip(ids, states, strict=True))
    score = residual(LIKELY_MAJOR, mitigate(*ids) if ids else None, assurances, RULE, SCALE)
    assert (score.likelihood, score.impact, score.level) == (likelihood, "major", level)


def test_missing_assurance_is_a_gap() -> None:
    assert residual(LIKELY_MAJOR, mitigate("mit1.m1"), {}, RULE, SCALE).likelihood == "likely"


def test_impact_reductions_declared_in_the_rule() -> None:
    rule = ResidualRule(impact_steps={"mit1.m1": 2, "mit1.m2": 9})
    score = residual(LIKELY_MAJOR, mitigate("mit1.m1"), {"mit1.m1": V}, rule, SCALE)
    assert (score.likelihood, score.impact, score.level) == ("possible", "minor", "medium")
    floor = residual(LIKELY_MAJOR, mitigate("mit1.m2"), {"mit1.m2": V}, rule, SCALE)
    assert floor.impact == "negligible"
    failing = residual(LIKELY_MAJOR, mitigate("mit1.m1"), {"mit1.m1": F}, rule, SCALE)
    assert failing.impact == "major"


def test_a_rule_may_credit_attested_mitigations() -> None:
    rule = ResidualRule(
        likelihood_steps={V: 2, A: 1}, impact_when=[V, A], impact_steps={"mit1.m2": 1}
    )
    score = residual(
        LIKELY_MAJOR, mitigate("mit1.m1", "mit1.m2"), {"mit1.m1": V, "mit1.m2": A}, rule, SCALE
    )
    assert (score.likelihood, score.impact) == ("rare", "moderate")


def test_decisions_lower_nothing_by_themselves() -> None:
    accept = RiskTreatment.model_validate(
        {
            "decision": "accept",
            "approver": "c",
            "approved": TODAY,
            "expires": TODAY,
            "rationale": "r",
        }
    )
    avoid = RiskTreatment.model_validate({"decision": "avoid", "rationale": "feature removed"})
    for treatment in (accept, avoid):
        assert residual(LIKELY_MAJOR, treatment, {}, RULE, SCALE).level == "high"


def test_examples_show_each_case() -> None:
    _, criteria, systems = load_all(COMMITTED)
    gate = residual_gate(systems, EXAMPLE_ASSURANCES, criteria, TODAY)
    assert not gate.passed
    assert {(p.system, p.risk) for p in gate.breaches} == {
        ("coding-agent", "mit1158"),
        ("coding-agent", "mit1163"),
    }
    by_key = {(p.system, p.risk): p for p in gate.positions}
    assert not any(p.above_appetite for p in gate.positions if p.system == "browsing-agent")
    accepted = by_key[("public-chat-api", "mit1166")]
    assert accepted.above_appetite and accepted.accepted and not accepted.breach
    assert accepted.mitigations == {f"mit1166.m{n}": F for n in (1, 2, 3)}
    assert (accepted.owner, accepted.decision) == ("trust-and-safety@example.com", Treatment.ACCEPT)


def test_expired_acceptance_stops_counting() -> None:
    system = example("public-chat-api")
    assurances = {"public-chat-api": EXAMPLE_ASSURANCES["public-chat-api"]}
    entry = system.entry("mit1166")
    assert entry is not None and entry.treatment is not None
    last_day = entry.treatment.expires
    assert last_day is not None
    assert residual_gate([system], assurances, Criteria(), last_day).passed
    after = residual_gate([system], assurances, Criteria(), last_day + dt.timedelta(days=1))
    assert not after.passed and [p.risk for p in after.breaches] == ["mit1166"]
    assert not acceptance_valid(entry.treatment, entry.treatment.approved - dt.timedelta(days=1))  # type: ignore[operator]


def test_verified_evidence_flips_the_gate() -> None:
    system = example("coding-agent")
    failing = {"coding-agent": EXAMPLE_ASSURANCES["coding-agent"]}
    fixed = {"coding-agent": {f"mit{r}.m{n}": V for r in (1158, 1163) for n in (1, 2, 3)}}
    assert not residual_gate([system], failing, Criteria(), TODAY).passed
    assert residual_gate([system], fixed, Criteria(), TODAY).passed


def test_unassessed_risks_and_missing_systems_do_not_fail_the_gate() -> None:
    system = changed(example("coding-agent"), risks=[{"risk": "mit1158", "owner": "x"}])
    assert residual_gate([system], {}, Criteria(), TODAY).positions == []
    browsing = example("browsing-agent")
    gate = residual_gate(
        [browsing], {}, Criteria(), TODAY
    )  # no evidence at all: every mitigation a gap
    assert [p.risk for p in gate.breaches] == ["mit1158", "mit1163"]
