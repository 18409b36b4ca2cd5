"""Spreadsheet imports in the history store, and the store's migration from schema 1 to 2."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from riskreg.models.edits import Edit, ImportRecord
from riskreg.workflow.history import SCHEMA_VERSION, RunInputs, list_runs, record_run
from riskreg.workflow.imports import list_imports, record_import
from tests.unit.workflow.conftest import finding
from tests.unit.workflow.reports import report

EDIT = Edit(
    sheet="Risks",
    cell="E6",
    file="systems/coding-agent.yaml",
    system="coding-agent",
    risk="mit1163",
    field="owner",
    old="team-a",
    new="team-b",
)
RECORD = ImportRecord(
    imported_at=dt.datetime(2026, 11, 28, 12, 0, tzinfo=dt.UTC),
    user="ana",
    file="register.xlsx",
    sha256="a" * 64,
    edits=[EDIT, EDIT.model_copy(update={"cell": "F6", "field": "assessment.likelihood"})],
)

# The store as riskreg wrote it before imports were recorded (schema 1).
_V1 = """
CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, recorded_at TEXT NOT NULL,
  command TEXT NOT NULL, passed_gate INTEGER NOT NULL, fail_on TEXT NOT NULL,
  riskreg_version TEXT NOT NULL, opa_version TEXT, policy_digest TEXT NOT NULL,
  register_version TEXT NOT NULL, targets INTEGER NOT NULL, controls INTEGER NOT NULL,
  passing_controls INTEGER NOT NULL, failing INTEGER NOT NULL, warnings INTEGER NOT NULL,
  waived INTEGER NOT NULL, errors INTEGER NOT NULL, finding_count INTEGER NOT NULL,
  input_count INTEGER NOT NULL);
CREATE TABLE inputs (run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL,
  sha256 TEXT NOT NULL);
CREATE TABLE findings (run_id INTEGER NOT NULL REFERENCES runs(id), control_id TEXT NOT NULL,
  target TEXT NOT NULL, resource TEXT, path TEXT, outcome TEXT NOT NULL, severity TEXT NOT NULL,
  message TEXT NOT NULL);
PRAGMA user_version=1;
"""


def test_import_is_recorded_with_its_edits(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    first = record_import(db, RECORD)
    second = record_import(db, RECORD.model_copy(update={"user": "bo", "edits": []}))
    assert second == first + 1
    records = list_imports(db)
    assert [r.user for r in records] == ["ana", "bo"]
    assert records[0] == RECORD
    assert records[1].edits == []


def test_schema_1_store_is_migrated_and_keeps_its_runs(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    with sqlite3.connect(db) as conn:
        conn.executescript(_V1)
    run_id = record_run(db, report([finding()], day=1), RunInputs("check", {}, "f" * 64, "v1"))
    assert [run.id for run in list_runs(db)] == [run_id]
    record_import(db, RECORD)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert len(list_imports(db)) == 1
    assert [run.id for run in list_runs(db)] == [run_id]
