"""Scoping the register per system, unassessed counts, the implicit system, target ownership."""

from __future__ import annotations

from riskreg.models.criteria import Scale
from riskreg.models.risk import Register, Risk, Subdomain
from riskreg.register.scope import (
    IMPLICIT_ID,
    claims,
    effective_systems,
    implicit_system,
    in_scope,
    not_assessed,
    scope_map,
    target_owners,
    unassessed_counts,
)

from .systems_data import COMMITTED, changed, example, load_all


def test_examples_scope() -> None:
    register, _, systems = load_all(COMMITTED)
    assert scope_map(systems, register) == {
        "browsing-agent": ["mit1158", "mit1163", "mit1166"],
        "coding-agent": ["mit1158", "mit1163"],
        "public-chat-api": ["mit1163", "mit1166"],
    }


def test_unscoped_risks_are_counted_per_subdomain_not_listed() -> None:
    register, _, systems = load_all(COMMITTED)
    extra = [
        Risk(id="mit5", title="a", subdomain=Subdomain(code="1.10", name="x")),
        Risk(id="mit6", title="b", subdomain=Subdomain(code="1.2", name="y")),
        Risk(id="mit7", title="c", subdomain=Subdomain(code="1.2", name="y")),
        Risk(id="acme-1", title="d"),
    ]
    bigger = Register(risks=[*register.risks, *extra], version="x")
    counts = unassessed_counts(bigger, scope_map(systems, bigger))
    assert counts == {"1.2": 2, "1.10": 1, "unclassified": 1}
    assert list(counts) == ["1.2", "1.10", "unclassified"]
    coding_only = scope_map([example("coding-agent")], bigger)
    assert unassessed_counts(bigger, coding_only)["4.0"] == 1


def test_implicit_system_holds_everything_and_gates_nothing() -> None:
    register, criteria, _ = load_all(COMMITTED)
    [only] = effective_systems([], criteria.scale)
    assert only == implicit_system(criteria.scale)
    assert only.system.id == IMPLICIT_ID and only.system.appetite == "critical"
    assert [r.id for r in in_scope(only, register.risks)] == ["mit1158", "mit1163", "mit1166"]
    assert claims(only.system, "/abs/anything/at/all")
    custom = Scale(
        likelihood=["l", "h"],
        impact=["l", "h"],
        levels=["ok", "bad"],
        matrix=[["ok", "ok"], ["ok", "bad"]],
    )
    assert implicit_system(custom).system.appetite == "bad"


def test_not_assessed_lists_in_scope_risks_without_assessment() -> None:
    system = changed(example("coding-agent"), risks=[{"risk": "mit1158", "owner": "x"}])
    assert not_assessed(system, ["mit1158", "mit1163"]) == ["mit1158", "mit1163"]
    assert not_assessed(example("coding-agent"), ["mit1158", "mit1163"]) == []


def test_targets_are_claimed_by_glob_or_by_aideployment() -> None:
    systems = [example("coding-agent"), example("browsing-agent")]
    owners = target_owners(
        systems,
        {
            "examples/deployments/coding-agent": set(),
            "./examples/deployments/browsing-agent": set(),
            "elsewhere/agent": {"dev-tools/coding-agent"},
            "elsewhere/both": {"dev-tools/coding-agent", "agents/browsing-agent"},
            "unowned": {"other/thing"},
        },
    )
    assert owners == {
        "examples/deployments/coding-agent": ["coding-agent"],
        "./examples/deployments/browsing-agent": ["browsing-agent"],
        "elsewhere/agent": ["coding-agent"],
        "elsewhere/both": ["coding-agent", "browsing-agent"],
        "unowned": [],
    }
