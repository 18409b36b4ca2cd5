"""Merging imports: no duplicates, idempotent, order-independent, conflicts stop the import."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.models.risk import Coded, Risk
from riskreg.register.merge import Origin, plan_import
from riskreg.register.mit import MitImport
from riskreg.register.pages import read_page
from riskreg.register.store import load_register, save_files

from .conftest import SEED_IDS, folder_state, seed_paths


def _import(folder: Path, risks: list[Risk], origin: Origin) -> int:
    plan = plan_import(folder, risks, origin)
    return len(save_files(folder, plan.contents))


def _seeds_from_db(v4_import: MitImport) -> list[Risk]:
    return [r for r in v4_import.risks if r.id in SEED_IDS]


def _pages() -> list[Risk]:
    return [read_page(path) for path in seed_paths()]


def test_database_then_pages_equals_pages_then_database(
    tmp_path: Path, v4_import: MitImport
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    _import(first, _seeds_from_db(v4_import), Origin.DATABASE)
    _import(first, _pages(), Origin.PAGE)
    _import(second, _pages(), Origin.PAGE)
    _import(second, _seeds_from_db(v4_import), Origin.DATABASE)
    assert folder_state(first) == folder_state(second)
    register = load_register(first)
    assert len(register.risks) == 3
    assert len(register.mitigation_ids()) == 9
    risk = register.risk("mit1163")
    assert risk is not None and risk.source is not None
    assert risk.source.ev_id == "62.28.02"  # from the database
    assert "obtain information" in risk.description  # from the page


def test_importing_twice_changes_nothing(tmp_path: Path, v4_import: MitImport) -> None:
    _import(tmp_path, _pages(), Origin.PAGE)
    _import(tmp_path, _seeds_from_db(v4_import), Origin.DATABASE)
    before = folder_state(tmp_path)
    assert _import(tmp_path, _pages(), Origin.PAGE) == 0
    assert _import(tmp_path, _seeds_from_db(v4_import), Origin.DATABASE) == 0
    plan = plan_import(tmp_path, _pages(), Origin.PAGE)
    assert (plan.added, plan.updated, plan.unchanged) == (0, 0, 3)
    assert folder_state(tmp_path) == before


def test_conflicting_coding_stops_the_import(tmp_path: Path) -> None:
    page = read_page(seed_paths()[0])
    _import(tmp_path, [page], Origin.PAGE)
    assert page.causal is not None
    recoded = page.model_copy(
        update={"causal": page.causal.model_copy(update={"entity": Coded(code="1", label="Human")})}
    )
    before = folder_state(tmp_path)
    with pytest.raises(InvalidInputError, match=r"mit1163: causal: register has"):
        plan_import(tmp_path, [recoded], Origin.PAGE)
    assert folder_state(tmp_path) == before


def test_different_text_under_the_same_id_is_a_conflict(tmp_path: Path) -> None:
    page = read_page(seed_paths()[0])
    _import(tmp_path, [page], Origin.PAGE)
    other = page.model_copy(update={"title": "Something else entirely"})
    with pytest.raises(InvalidInputError, match=r"mit1163: title: "):
        plan_import(tmp_path, [other], Origin.DATABASE)


def test_reimport_keeps_what_people_added(tmp_path: Path) -> None:
    page = read_page(seed_paths()[0])
    _import(tmp_path, [page], Origin.PAGE)
    path = tmp_path / "domain-7.yaml"
    text = path.read_text(encoding="utf-8")
    attestation = "    attestation: {by: ana, date: 2026-01-02, evidence: docs/egress.md}\n"
    text = text.replace("  - id: mit1163.m2\n", "  - id: mit1163.m2\n" + attestation)
    text = text.replace("- id: mit1163\n", "- id: mit1163\n  governance: {owner: ana}\n")
    # governance is a schema-1 field (schema 2 keeps it per system): a register not migrated yet
    text = text.replace("schema_version: 2\n", "schema_version: 1\n")
    path.write_text(text, encoding="utf-8")
    revised = [m.model_copy(update={"description": "Revised."}) for m in page.mitigations]
    assert _import(tmp_path, [page.model_copy(update={"mitigations": revised})], Origin.PAGE) == 1
    risk = load_register(tmp_path).risk("mit1163")
    assert risk is not None
    assert risk.governance.owner == "ana"
    assert risk.mitigations[1].attestation is not None
    assert risk.mitigations[1].attestation.by == "ana"
    assert risk.mitigations[1].description == "Revised."


def test_same_id_twice_in_one_import(tmp_path: Path) -> None:
    page = read_page(seed_paths()[0])
    with pytest.raises(InvalidInputError, match="imported twice"):
        plan_import(tmp_path, [page, page], Origin.PAGE)
