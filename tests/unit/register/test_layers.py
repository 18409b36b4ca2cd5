"""A project's register over the built-in one: risks add, a shared id is the project's, no built-in mitigation is lost."""

from __future__ import annotations

from riskreg.models.risk import Mitigation, Register, Risk
from riskreg.register.layers import overlay
from riskreg.register.store import load_register, register_version
from tests.conftest import REPO


def _risk(risk_id: str, title: str, *numbers: str) -> Risk:
    mitigations = [
        Mitigation(id=f"{risk_id}.{n}", title=f"{title} {n}", description=f"{title} does {n}")
        for n in numbers
    ]
    return Risk(id=risk_id, title=title, mitigations=mitigations)


def _register(*risks: Risk) -> Register:
    return Register(risks=list(risks), version=register_version(risks))


def test_project_risks_add_to_the_built_in_ones() -> None:
    merged = overlay(_register(_risk("mit2", "b", "m1")), _register(_risk("acme-1", "p", "t1")))
    assert [risk.id for risk in merged.risks] == ["acme-1", "mit2"]  # in id order
    assert merged.mitigation_ids() == {"mit2.m1", "acme-1.t1"}


def test_a_shared_id_is_the_projects_entry_keeping_every_built_in_mitigation() -> None:
    builtin = _register(_risk("mit1163", "Built-in", "m1", "m2", "m3"))
    project = _register(_risk("mit1163", "Ours", "m2", "t1"))
    merged = overlay(builtin, project)
    (risk,) = merged.risks
    assert risk.title == "Ours"
    assert [m.id for m in risk.mitigations] == [
        "mit1163.m1",
        "mit1163.m2",
        "mit1163.m3",
        "mit1163.t1",
    ]
    titles = {m.id: m.title for m in risk.mitigations}
    assert titles["mit1163.m2"] == "Ours m2"  # the project's version of a mitigation both define
    assert titles["mit1163.m1"] == "Built-in m1"  # kept: a built-in control may cite it
    assert merged.version != builtin.version


def test_the_seed_register_laid_over_itself_is_unchanged() -> None:
    seed = load_register(REPO / "risks")
    assert overlay(seed, seed) == seed
    assert overlay(seed, _register()).version == seed.version
