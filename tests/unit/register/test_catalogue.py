"""The MIT mitigation database as a catalogue, and links from register mitigations to it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.register.catalogue import (
    CATALOGUE_FILE,
    import_catalogue,
    load_catalogue,
    render_catalogue,
    select_actions,
)
from riskreg.register.store import load_register, save_files
from tests.conftest import REPO

from .conftest import MITIGATION_CSV, TAXONOMY_JSON


def test_mitigation_database_and_taxonomy() -> None:
    catalogue = import_catalogue(MITIGATION_CSV, TAXONOMY_JSON)
    assert len(catalogue.actions) == 831
    assert len(catalogue.taxonomy) == 4
    assert sum(len(c.subcategories) for c in catalogue.taxonomy) == 23
    action = catalogue.action("A0086_Future of Life Institute2024")
    assert action is not None
    assert (action.name, action.code, action.category) == (
        "AI Safety Team",
        "1.1",
        "Board Structure & Oversight",
    )
    assert str(catalogue.source.snapshot_date) == "2025-07-23"
    assert catalogue.source.sha256.startswith("811b78af")
    assert len(select_actions(catalogue, "3.3", None)) == 23
    assert all(a.code and a.code.startswith("1.") for a in select_actions(catalogue, "1", None))


def test_catalogue_round_trip_and_links(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    shutil.copytree(REPO / "risks", folder)
    path = folder / "domain-7.yaml"
    link = "    catalogue_ids: [A0042_Eisenberg2025]\n"
    path.write_text(path.read_text().replace("  - id: mit1163.m1\n", "  - id: mit1163.m1\n" + link))
    with pytest.raises(InvalidInputError, match="catalogue: missing"):
        load_register(folder)
    catalogue = import_catalogue(MITIGATION_CSV)
    save_files(folder, {CATALOGUE_FILE: render_catalogue(catalogue)})
    assert load_catalogue(folder) == catalogue
    risk = load_register(folder).risk("mit1163")
    assert risk is not None and risk.mitigations[0].catalogue_ids == ["A0042_Eisenberg2025"]
    path.write_text(path.read_text().replace("A0042_Eisenberg2025", "A9999_Nobody"))
    with pytest.raises(
        InvalidInputError, match=r"domain-7.yaml:\d+: .*catalogue_ids.0: 'A9999_Nobody'"
    ):
        load_register(folder)


def test_csv_missing_a_column(tmp_path: Path) -> None:
    broken = tmp_path / "m.csv"
    broken.write_text(
        MITIGATION_CSV.read_text(encoding="utf-8-sig").replace("MitigationCode", "Code", 1)
    )
    with pytest.raises(
        InvalidInputError, match=r"m.csv:1: header: missing column 'MitigationCode'"
    ):
        import_catalogue(broken)


def test_unknown_taxonomy_code(tmp_path: Path) -> None:
    broken = tmp_path / "m.csv"
    text = MITIGATION_CSV.read_text(encoding="utf-8-sig")
    broken.write_text(text.replace("1.1 Board Structure", "9.9 Board Structure", 1))
    with pytest.raises(InvalidInputError, match=r"'9.9' .* is not in the taxonomy"):
        import_catalogue(broken, TAXONOMY_JSON)
