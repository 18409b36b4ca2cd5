"""Scope rules, includes and excludes: precedence, label matching, rationale required."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from riskreg.models.risk import CausalTaxonomy, Coded, Domain, Risk, Subdomain
from riskreg.models.scope import Exclusion, Match, Scope


def risk(rid: str, sub: str = "7.2", entity: str = "2 - AI") -> Risk:
    return Risk(
        id=rid,
        title=rid,
        domain=Domain(code=sub.split(".")[0], name="D"),
        subdomain=Subdomain(code=sub, name="AI possessing dangerous capabilities"),
        causal=CausalTaxonomy(
            entity=Coded.parse(entity),
            intent=Coded.parse("1 - Intentional"),
            timing=Coded.parse("2 - Post-deployment"),
        ),
    )


def test_rule_matches_code_or_whole_label() -> None:
    assert Match(subdomain="7.2").matches(risk("a"))
    assert Match(entity="ai").matches(risk("a"))
    assert Match(subdomain="ai possessing dangerous capabilities").matches(risk("a"))
    assert not Match(entity="A").matches(risk("a"))  # no substring matching
    assert not Match(subdomain="7").matches(risk("a"))
    assert Match(domain="7", entity="2").matches(risk("a"))
    assert not Match(domain="7", entity="1").matches(risk("a"))


def test_uncoded_risk_matches_no_rule() -> None:
    assert not Match(domain="7").matches(Risk(id="acme-1", title="t"))


def test_empty_rule_is_rejected() -> None:
    with pytest.raises(ValidationError, match="at least one of domain"):
        Match()


def test_exclusion_without_rationale_is_rejected() -> None:
    with pytest.raises(ValidationError, match="rationale"):
        Exclusion.model_validate({"risk": "mit1"})
    with pytest.raises(ValidationError, match="rationale"):
        Exclusion.model_validate({"risk": "mit1", "rationale": "  "})
    with pytest.raises(ValidationError, match="either one risk or taxonomy"):
        Exclusion(risk="mit1", domain="7", rationale="why")
    with pytest.raises(ValidationError, match="either one risk or taxonomy"):
        Exclusion(rationale="why")


def test_precedence() -> None:
    scope = Scope(
        rules=[Match(domain="7")],
        include=["b"],
        exclude=[
            Exclusion(entity="AI", rationale="our models are not agents"),
            Exclusion(risk="c", rationale="not applicable"),
        ],
    )
    assert not scope.covers(risk("a"))  # rule, but excluded by taxonomy
    assert scope.covers(risk("b"))  # include by id beats exclusion by taxonomy
    assert not scope.covers(risk("c", entity="1 - Human"))  # exclusion by id beats the rule
    assert scope.covers(risk("d", entity="1 - Human"))
    assert not scope.covers(risk("e", sub="4.1", entity="1 - Human"))


def test_include_and_exclude_of_one_id_is_a_contradiction() -> None:
    with pytest.raises(ValidationError, match="both included and excluded"):
        Scope(include=["a"], exclude=[Exclusion(risk="a", rationale="r")])


def test_every_risk() -> None:
    scope = Scope(every_risk=True, exclude=[Exclusion(risk="a", rationale="r")])
    assert scope.covers(risk("b")) and not scope.covers(risk("a"))
    assert not Scope().covers(risk("a"))
