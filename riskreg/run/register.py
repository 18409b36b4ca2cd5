"""The register's own workflows: export to xlsx, import an edited workbook (recorded), migrate."""

from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from riskreg.run.engine import load_register

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.assurance import Assurance
    from riskreg.models.edits import ImportRecord
    from riskreg.models.finding import Report
    from riskreg.register.migrate import Migration
    from riskreg.register.xlsx_import import ImportPlan

GIT_TIMEOUT = 5.0


def assurances_of(report: Report) -> dict[str, dict[str, Assurance]]:
    """System id -> mitigation id -> its assurance on that system's targets (from coverage)."""
    coverage = report.coverage
    if coverage is None or coverage.systems is None:
        return {}
    return {
        item.id: {m.id: m.status for pair in item.risks for m in pair.mitigations}
        for item in coverage.systems.systems
    }


def export_workbook(settings: Settings, covered: Report, evaluated: bool) -> bytes:
    """The register as xlsx bytes; `covered` is a run with coverage (its controls give each
    mitigation's controls); with `evaluated`, residual and assurance columns are filled from it."""
    from riskreg.register.xlsx_export import export_xlsx
    from riskreg.run.systems import load_view

    register = load_register(settings)
    view = load_view(settings, register)
    controls: dict[str, list[str]] = {}
    for control in covered.controls:
        for mitigation in control.mitigates:
            controls.setdefault(mitigation, []).append(control.id)
    states: Mapping[str, Mapping[str, Assurance]] | None = (
        assurances_of(covered) if evaluated else None
    )
    return export_xlsx(register, view.defined, view.criteria, controls, states, settings.now)


def plan_import(settings: Settings, path: Path) -> ImportPlan:
    """Check every cell of an edited workbook against the register and compute the edits;
    raises SpreadsheetError (exit 3) naming sheet, cell and reason of every problem."""
    from riskreg.register.xlsx_import import plan_xlsx_import
    from riskreg.run.systems import load_view

    register = load_register(settings)
    view = load_view(settings, register)
    return plan_xlsx_import(path, register, view.defined, view.criteria)


@dataclass(frozen=True)
class Applied:
    """An applied import: the files written and the history record (None when nothing changed)."""

    written: list[Path]
    record: ImportRecord | None
    record_id: int | None


def apply_import(settings: Settings, plan: ImportPlan) -> Applied:
    """Write the changed system files atomically, then record who, when, the file's sha256 and
    every changed cell in the history store. An import that changes nothing writes nothing."""
    from riskreg.register.xlsx_import import apply_import as write
    from riskreg.register.xlsx_import import import_record
    from riskreg.workflow.imports import record_import

    if not plan.edits:
        return Applied([], None, None)
    written = write(settings.risks, plan)
    record = import_record(plan, who(settings), settings.now)
    return Applied(written, record, record_import(settings.history, record))


def who(settings: Settings) -> str:
    """Who imports: --by or RISKREG_USER, else git's user.email (or user.name), else the login."""
    if settings.user:
        return settings.user
    for key in ("user.email", "user.name"):
        found = _git_config(key)
        if found:
            return found
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "unknown"


def _git_config(key: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "config", "--get", key],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def import_log(settings: Settings, limit: int) -> list[ImportRecord]:
    """The latest spreadsheet imports recorded in the history store, oldest first."""
    from riskreg.workflow.imports import list_imports

    return list_imports(settings.history, limit)


def migrate(settings: Settings, dry_run: bool) -> tuple[Migration, list[Path]]:
    """Plan the register's migration to the current schema and, unless `dry_run`, write it."""
    from riskreg.register.migrate import migrate_register, plan_migration

    today = settings.now.date()
    if dry_run:
        return plan_migration(settings.risks, today), []
    return migrate_register(settings.risks, today)
