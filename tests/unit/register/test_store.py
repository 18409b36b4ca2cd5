"""Loading the register folder: the public API, line-numbered errors, and the committed register."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.models.risk import risk_sort_key
from riskreg.register.merge import Origin, plan_import
from riskreg.register.mit import import_database
from riskreg.register.pages import read_page
from riskreg.register.store import load_register, read_folder, register_paths, save_files
from tests.conftest import REPO

from .conftest import SEED_IDS, V4_XLSX, folder_state, seed_paths

COMMITTED = REPO / "risks"


def _regenerate(folder: Path) -> None:
    """The commands risks/README.md documents, run through the same functions as the CLI."""
    pages = [read_page(path) for path in seed_paths()]
    save_files(folder, plan_import(folder, pages, Origin.PAGE).contents)
    rows = import_database(V4_XLSX, only=set(SEED_IDS)).risks
    save_files(folder, plan_import(folder, rows, Origin.DATABASE).contents)


def test_committed_register_is_what_the_importers_make(tmp_path: Path) -> None:
    _regenerate(tmp_path)
    committed = {p.name: p.read_bytes() for p in register_paths(COMMITTED)}
    regenerated = {p.name: p.read_bytes() for p in register_paths(tmp_path)}
    assert regenerated == committed


def test_committed_register_api() -> None:
    register = load_register(COMMITTED)
    assert [risk.id for risk in register.risks] == sorted(SEED_IDS)
    assert register.mitigation_ids() == {f"{rid}.m{n}" for rid in SEED_IDS for n in (1, 2, 3)}
    assert register.risk_ids_for_mitigation("mit1166.m2") == ["mit1166"]
    assert register.risk_ids_for_mitigation("mit9.m1") == []
    assert register.risk("mit1158") is not None and register.risk("nope") is None
    assert len(register.version) == 12


def test_version_changes_with_content(tmp_path: Path) -> None:
    shutil.copytree(COMMITTED, tmp_path / "r")
    before = load_register(tmp_path / "r").version
    path = tmp_path / "r" / "domain-4.yaml"
    path.write_text(path.read_text().replace("Malicious use", "Malicious uses"))
    assert load_register(tmp_path / "r").version != before


def test_natural_id_order() -> None:
    ids = ["mit10", "mit2", "acme-10", "acme-9", "mit1"]
    assert sorted(ids, key=risk_sort_key) == ["acme-9", "acme-10", "mit1", "mit2", "mit10"]


def _register_with(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "r"
    shutil.copytree(COMMITTED, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_unknown_field_is_reported_with_its_line(tmp_path: Path) -> None:
    folder = _register_with(
        tmp_path, "acme.yaml", "risks:\n- id: acme-001\n  title: T\n  colour: red\n"
    )
    _, problems = read_folder(folder)
    assert [str(p) for p in problems] == [
        f"{folder / 'acme.yaml'}:4: risks.0.colour: Extra inputs are not permitted"
    ]
    with pytest.raises(InvalidInputError, match=r"acme.yaml:4: risks.0.colour"):
        load_register(folder)


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    folder = _register_with(tmp_path, "zz.yaml", "risks:\n- id: mit1163\n  title: Copy\n")
    with pytest.raises(
        InvalidInputError,
        match=r"zz.yaml:2: risks.0.id: duplicate risk id 'mit1163', first at .*domain-7.yaml:\d+",
    ):
        load_register(folder)


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    folder = _register_with(tmp_path, "bad.yaml", "risks:\n- id: x\n  title: [unclosed\n")
    _, problems = read_folder(folder)
    assert len(problems) == 1 and problems[0].field == "yaml" and problems[0].line is not None


def test_foreign_mitigation_id(tmp_path: Path) -> None:
    text = "risks:\n- id: acme-1\n  title: T\n  mitigations:\n  - {id: acme-2.m1, title: t, description: d}\n"
    _, problems = read_folder(_register_with(tmp_path, "acme.yaml", text))
    assert "does not belong to risk acme-1" in str(problems[0])


def test_waivers_and_subfolders_are_not_register_files(tmp_path: Path) -> None:
    folder = _register_with(tmp_path, "waivers.yaml", "waivers: [{anything: goes}]\n")
    (folder / "catalogue").mkdir()
    (folder / "catalogue" / "other.yaml").write_text("not: a register\n")
    assert len(load_register(folder).risks) == 3


def test_yaml_tags_are_not_executed(tmp_path: Path) -> None:
    folder = _register_with(
        tmp_path, "evil.yaml", "risks: !!python/object/apply:os.system [true]\n"
    )
    _, problems = read_folder(folder)
    assert problems and problems[0].field == "yaml"


def test_failed_import_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    shutil.copytree(COMMITTED, folder)
    before = folder_state(folder)
    broken = tmp_path / "page.txt"
    broken.write_text(seed_paths()[0].read_text().replace("Risk ID", "Risk"), encoding="utf-8")
    with pytest.raises(InvalidInputError):
        plan_import(folder, [read_page(seed_paths()[1]), read_page(broken)], Origin.PAGE)
    assert folder_state(folder) == before
