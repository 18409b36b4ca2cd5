"""`riskreg systems` and `riskreg register` through the CLI entry point, where no OPA is needed."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import openpyxl
import pytest

from riskreg.cli.app import run
from riskreg.config import Flags, resolve_settings
from riskreg.register.xlsx_export import export_xlsx
from riskreg.register.xlsx_layout import RISK_COLUMNS, header_index
from riskreg.run.register import who
from tests.unit.register.conftest import folder_state
from tests.unit.register.systems_data import EXAMPLE_ASSURANCES, copy_register, load_all
from tests.unit.register.test_migrate import schema_1

NOW = "2026-11-28T12:00:00+00:00"
COLUMN = {header: number - 1 for header, number in header_index(RISK_COLUMNS).items()}


@pytest.fixture
def register(tmp_path: Path) -> Path:
    return copy_register(tmp_path)


def _export(folder: Path, path: Path) -> Path:
    register, criteria, systems = load_all(folder)
    path.write_bytes(export_xlsx(register, systems, criteria, {}, EXAMPLE_ASSURANCES))
    return path


def _edit(source: Path, target: Path, key: tuple[str, str], values: dict[str, object]) -> Path:
    book = openpyxl.load_workbook(source)
    [row] = [
        row
        for row in book["Risks"].iter_rows(min_row=2)
        if (row[COLUMN["system"]].value, row[COLUMN["risk"]].value) == key
    ]
    for header, value in values.items():
        row[COLUMN[header]].value = value
    book.save(target)
    return target


def test_systems_list_as_table_and_json(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["systems", "list", "--risks", str(register), "--now", NOW]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["ID", "CLASS", "LIFECYCLE"]
    assert [line.split()[0] for line in lines[1:]] == [
        "browsing-agent",
        "coding-agent",
        "public-chat-api",
    ]
    assert run(["systems", "list", "--risks", str(register), "-f", "json", "--now", NOW]) == 0
    listed = {item["id"]: item for item in json.loads(capsys.readouterr().out)}
    assert listed["public-chat-api"]["accepted"] == 1
    assert (listed["coding-agent"]["in_scope"], listed["coding-agent"]["assessed"]) == (2, 2)


def test_import_reports_every_bad_cell_and_writes_nothing(
    register: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = _export(register, tmp_path / "register.xlsx")
    bad = _edit(
        exported,
        tmp_path / "bad.xlsx",
        ("coding-agent", "mit1163"),
        {"likelihood": "sometimes", "owner": "=HYPERLINK(1)"},
    )
    before = folder_state(register)
    assert run(["register", "import", str(bad), "--risks", str(register)]) == 3
    err = capsys.readouterr().err
    assert "Risks!F" in err and "sometimes" in err  # sheet, cell and reason
    assert "Risks!E" in err and "formula" in err
    assert err.count(f"{bad}: Risks!") >= 2
    assert folder_state(register) == before


def test_dry_run_shows_the_edits_and_an_import_is_recorded_with_who(
    register: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exported = _export(register, tmp_path / "register.xlsx")
    edited = _edit(exported, tmp_path / "e.xlsx", ("coding-agent", "mit1158"), {"impact": "minor"})
    history = ["--history", str(tmp_path / "h.sqlite")]
    before = folder_state(register)
    assert run(["register", "import", str(edited), "--dry-run", "--risks", str(register)]) == 0
    out = capsys.readouterr().out
    assert "coding-agent/mit1158: assessment.impact: 'severe' -> 'minor'" in out
    assert folder_state(register) == before
    monkeypatch.setenv("RISKREG_USER", "carol@example.com")
    assert run(["register", "import", str(edited), "--risks", str(register), *history]) == 0
    assert folder_state(register) != before
    assert run(["register", "imports", *history]) == 0
    out = capsys.readouterr().out
    assert "carol@example.com  e.xlsx" in out and "1 changes" in out
    with sqlite3.connect(tmp_path / "h.sqlite") as db:
        assert db.execute("SELECT field, old, new FROM register_import_edits").fetchall() == [
            ("assessment.impact", "severe", "minor")
        ]


def test_who_defaults_to_the_git_user_then_the_login(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "gitconfig"
    subprocess.run(["git", "config", "--file", str(config), "user.email", "dana@example.com"],
                   check=True)  # fmt: skip
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.chdir(tmp_path)
    assert who(resolve_settings(Flags(user=None), env={}, start=tmp_path)) == "dana@example.com"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "none"))
    assert who(resolve_settings(Flags(user=None), env={}, start=tmp_path))  # the login name
    assert who(resolve_settings(Flags(user="erin"), env={}, start=tmp_path)) == "erin"


def test_migrate_dry_run_then_migrate_then_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = schema_1(tmp_path)
    before = folder_state(folder)
    assert run(["register", "migrate", "--dry-run", "--risks", str(folder), "--now", NOW]) == 0
    assert "domain-7.yaml: schema_version 1 -> 2" in capsys.readouterr().out
    assert folder_state(folder) == before
    assert run(["register", "migrate", "--risks", str(folder), "--now", NOW]) == 0
    assert (folder / "systems" / "all.yaml").is_file()
    migrated = folder_state(folder)
    assert run(["register", "migrate", "--risks", str(folder), "--now", NOW]) == 0
    assert "already at the current schema" in capsys.readouterr().err
    assert folder_state(folder) == migrated
