"""The run history: an SQLite evidence store (WAL mode), one transaction per recorded run.

A run is written in a single `BEGIN IMMEDIATE … COMMIT`, so a process killed while recording
(even by SIGKILL) leaves either the whole run or none of it; WAL keeps readers unblocked.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from riskreg.errors import InvalidInputError
from riskreg.models.finding import Outcome, Report
from riskreg.models.workflow import FindingKey, RunRecord, RunTrend

SCHEMA_VERSION = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    recorded_at TEXT NOT NULL, command TEXT NOT NULL, passed_gate INTEGER NOT NULL,
    fail_on TEXT NOT NULL, riskreg_version TEXT NOT NULL, opa_version TEXT,
    policy_digest TEXT NOT NULL, register_version TEXT NOT NULL,
    targets INTEGER NOT NULL, controls INTEGER NOT NULL, passing_controls INTEGER NOT NULL,
    failing INTEGER NOT NULL, warnings INTEGER NOT NULL, waived INTEGER NOT NULL,
    errors INTEGER NOT NULL, finding_count INTEGER NOT NULL, input_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs (
    run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL, sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS findings (
    run_id INTEGER NOT NULL REFERENCES runs(id), control_id TEXT NOT NULL, target TEXT NOT NULL,
    resource TEXT, path TEXT, outcome TEXT NOT NULL, severity TEXT NOT NULL, message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS findings_run ON findings(run_id);
CREATE INDEX IF NOT EXISTS inputs_run ON inputs(run_id);
"""
# Schema 2: spreadsheet imports into the register (riskreg.workflow.imports), one row per import
# and one per changed cell.
_IMPORTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS register_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    imported_at TEXT NOT NULL, user TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
    edit_count INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS register_import_edits (
    import_id INTEGER NOT NULL REFERENCES register_imports(id), sheet TEXT NOT NULL,
    cell TEXT NOT NULL, file TEXT NOT NULL, system TEXT NOT NULL, risk TEXT,
    field TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS import_edits_import ON register_import_edits(import_id);
"""
_MIGRATIONS = {1: _SCHEMA, 2: _IMPORTS_SCHEMA}  # version -> the step that reaches it
_RUN_COLUMNS = (
    "id, recorded_at, command, passed_gate, fail_on, riskreg_version, opa_version, policy_digest, "
    "register_version, targets, controls, passing_controls, failing, warnings, waived, errors"
)
# Only module constants are spliced into SQL; every value goes through a placeholder.
_SELECT_RUNS = f"SELECT {_RUN_COLUMNS} FROM runs"  # noqa: S608
_INSERT_RUN = (
    f"INSERT INTO runs ({_RUN_COLUMNS.removeprefix('id, ')}, finding_count, input_count) "  # noqa: S608
    f"VALUES ({', '.join('?' * 17)})"
)


@dataclass(frozen=True)
class RunInputs:
    """What a run rests on besides its report: evaluated files, policy digest, register version."""

    command: str
    files: dict[str, str]
    policy_digest: str
    register_version: str


@contextlib.contextmanager
def connect(db: Path, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    """An autocommit connection in WAL mode; transactions are opened explicitly."""
    if not create and not db.is_file():
        raise InvalidInputError(f"{db}: no run history yet", hint="record runs with --record")
    db.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db, isolation_level=None, timeout=10.0)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        _migrate(conn)
        yield conn
    except sqlite3.DatabaseError as exc:
        raise InvalidInputError(f"{db}: history store failed: {exc}") from None
    finally:
        conn.close()


def _migrate(conn: sqlite3.Connection) -> None:
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise InvalidInputError(f"history store schema {version} is newer than riskreg's")
    for step in range(version + 1, SCHEMA_VERSION + 1):
        # each step is idempotent (IF NOT EXISTS), so a concurrent migration is harmless
        conn.executescript(
            f"BEGIN IMMEDIATE; {_MIGRATIONS[step]} PRAGMA user_version={step}; COMMIT;"
        )


def passing_controls(report: Report) -> int:
    """Controls with no failing finding on any target."""
    failing = {f.control_id for f in report.findings if f.outcome is Outcome.FAIL}
    return report.summary.controls - len(failing)


def record_run(db: Path, report: Report, inputs: RunInputs) -> int:
    """Store one run whole, in one transaction; returns its id."""
    with connect(db, create=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            run_id = _insert_run(conn, report, inputs)
            conn.executemany(
                "INSERT INTO inputs VALUES (?, ?, ?)",
                [(run_id, path, digest) for path, digest in sorted(inputs.files.items())],
            )
            conn.executemany(
                "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (run_id, f.control_id, f.target, f.resource, f.path, f.outcome.value,
                     f.severity.value, f.message)
                    for f in report.findings
                ],
            )  # fmt: skip
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return run_id


def _insert_run(conn: sqlite3.Connection, report: Report, inputs: RunInputs) -> int:
    counts = report.summary.by_outcome
    row = (
        report.generated_at.isoformat(), inputs.command, int(report.passed_gate),
        report.fail_on.value, report.tool.version, report.tool.opa_version, inputs.policy_digest,
        inputs.register_version, report.summary.targets, report.summary.controls,
        passing_controls(report), counts.get("fail", 0), counts.get("warn", 0),
        counts.get("waived", 0), report.summary.errors, len(report.findings), len(inputs.files),
    )  # fmt: skip
    cursor = conn.execute(_INSERT_RUN, row)
    return int(cursor.lastrowid or 0)


def _record(row: tuple[object, ...]) -> RunRecord:
    names = [name.strip() for name in _RUN_COLUMNS.split(",")]
    return RunRecord.model_validate(dict(zip(names, row, strict=True)))


def list_runs(db: Path, limit: int = 50) -> list[RunRecord]:
    """The latest `limit` runs, oldest first."""
    with connect(db) as conn:
        rows = conn.execute(f"{_SELECT_RUNS} ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
    return [_record(row) for row in reversed(rows)]


def get_run(db: Path, run_id: int) -> RunRecord:
    with connect(db) as conn:
        row = conn.execute(f"{_SELECT_RUNS} WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise InvalidInputError(f"{db}: no run {run_id}", hint="see `riskreg history list`")
    return _record(row)


def failing_keys(db: Path, run_id: int) -> set[FindingKey]:
    """The (control, target, resource, path) keys that failed in a run."""
    get_run(db, run_id)
    with connect(db) as conn:
        rows = conn.execute(
            "SELECT control_id, target, resource, path FROM findings "
            "WHERE run_id = ? AND outcome = 'fail'",
            (run_id,),
        ).fetchall()
    return {(c, t, r or "", p or "") for c, t, r, p in rows}


def latest_run(db: Path) -> RunRecord | None:
    """The most recent recorded run, or None when there is no history yet."""
    if not db.is_file():
        return None
    runs = list_runs(db, limit=1)
    return runs[0] if runs else None


def trend_since(previous: RunRecord, report: Report) -> RunTrend:
    """How the failures and passing controls changed since `previous`."""
    return RunTrend(
        previous_run=previous.id,
        previous_at=previous.recorded_at,
        failing_delta=report.summary.by_outcome.get("fail", 0) - previous.failing,
        passing_controls_delta=passing_controls(report) - previous.passing_controls,
    )


def diff_runs(db: Path, old: int, new: int) -> tuple[list[FindingKey], list[FindingKey]]:
    """Failures that appeared in `new` and failures of `old` that were gone in `new`."""
    before, after = failing_keys(db, old), failing_keys(db, new)
    return sorted(after - before), sorted(before - after)


def integrity_ok(db: Path) -> bool:
    """`PRAGMA integrity_check` and every run whole (its findings and inputs all present)."""
    with connect(db) as conn:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        broken = conn.execute(
            "SELECT count(*) FROM runs r WHERE finding_count != "
            "(SELECT count(*) FROM findings f WHERE f.run_id = r.id) OR input_count != "
            "(SELECT count(*) FROM inputs i WHERE i.run_id = r.id)"
        ).fetchone()[0]
    return int(broken) == 0
