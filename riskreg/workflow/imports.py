"""Spreadsheet imports into the register, recorded in the run-history store (who, when, what)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from riskreg.models.edits import Edit, ImportRecord
from riskreg.workflow.history import connect

_EDIT_COLUMNS = ("sheet", "cell", "file", "system", "risk", "field", "old", "new")


def record_import(db: Path, record: ImportRecord) -> int:
    """Store one import whole, in one transaction; returns its id."""
    with connect(db, create=True) as conn:
        conn.execute("BEGIN IMMEDIATE")
        try:
            cursor = conn.execute(
                "INSERT INTO register_imports (imported_at, user, file, sha256, edit_count) "
                "VALUES (?, ?, ?, ?, ?)",
                (record.imported_at.isoformat(), record.user, record.file, record.sha256,
                 len(record.edits)),
            )  # fmt: skip
            import_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT INTO register_import_edits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(import_id, *(getattr(e, name) for name in _EDIT_COLUMNS)) for e in record.edits],
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return import_id


def list_imports(db: Path, limit: int = 50) -> list[ImportRecord]:
    """The latest `limit` imports with their edits, oldest first."""
    with connect(db) as conn:
        rows = conn.execute(
            "SELECT id, imported_at, user, file, sha256 FROM register_imports "
            "ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        records = []
        for import_id, imported_at, user, file, sha256 in reversed(rows):
            edits = conn.execute(
                f"SELECT {', '.join(_EDIT_COLUMNS)} FROM register_import_edits "  # noqa: S608
                "WHERE import_id = ? ORDER BY rowid",
                (import_id,),
            ).fetchall()
            records.append(
                ImportRecord(
                    imported_at=dt.datetime.fromisoformat(imported_at),
                    user=user,
                    file=file,
                    sha256=sha256,
                    edits=[Edit(**dict(zip(_EDIT_COLUMNS, edit, strict=True))) for edit in edits],
                )
            )
    return records
