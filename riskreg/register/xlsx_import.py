"""Import an edited register workbook: validate every cell first, then compute typed edits.

Only the systems a row actually changed are rebuilt and rewritten, so re-importing an unedited
export writes nothing. A row may be missing (unchanged) but not unknown or repeated; a system
changed in the register since the export is refused, so an import never undoes someone's edit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from riskreg.models.assessment import RiskEntry
from riskreg.models.criteria import Criteria
from riskreg.models.edits import Edit, ImportRecord
from riskreg.models.risk import Register
from riskreg.models.system import AISystem, SystemFile
from riskreg.register.criteria import load_criteria
from riskreg.register.scope import effective_systems
from riskreg.register.store import load_register, save_files
from riskreg.register.systems import (
    LoadedSystem,
    check_systems,
    load_systems,
    render_system,
    system_file,
)
from riskreg.register.xlsx_layout import RISK_COLUMNS, SYSTEM_COLUMNS, Column, as_text, digest
from riskreg.register.xlsx_read import Cell, Problems, SpreadsheetError, read_workbook
from riskreg.register.xlsx_rows import entry_of, field_name, row_values, system_of

Key = tuple[str, str | None]  # (system id, risk id or None for the system's own row)
Diff = dict[str, tuple[str, str, str]]  # column header -> (cell, old text, new text)


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: the edits (for --dry-run) and the system files to write."""

    file: str
    sha256: str
    edits: list[Edit]
    contents: dict[str, str]


def plan_xlsx_import(
    path: Path, register: Register, systems: list[SystemFile], criteria: Criteria
) -> ImportPlan:
    """Read and check the whole workbook against the register; raises SpreadsheetError (exit 3)
    naming sheet, cell and reason for every problem, before anything is decided."""
    problems = Problems()
    book = read_workbook(path, problems)
    current = {item.system.id: item for item in effective_systems(systems, criteria.scale)}
    reader = _Reader(register, criteria, current, problems)
    for cells in book.systems.rows:
        reader.system_row(cells)
    for cells in book.risks.rows:
        reader.risk_row(cells)
    reader.check_fresh(book.digests)
    contents = reader.contents() if not problems.items else {}
    if problems.items:
        raise SpreadsheetError(path, problems.items)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return ImportPlan(file=path.name, sha256=sha, edits=reader.edits, contents=contents)


def apply_import(folder: Path, plan: ImportPlan) -> list[Path]:
    """Write the plan's system files atomically (temp files, then renames); returns those written."""
    return save_files(folder, plan.contents)


def import_record(plan: ImportPlan, user: str, now: dt.datetime) -> ImportRecord:
    """The history-store record of an applied import (who, when, file sha256, what changed)."""
    return ImportRecord(
        imported_at=now, user=user, file=plan.file, sha256=plan.sha256, edits=plan.edits
    )


def _diff(cells: dict[str, Cell], columns: tuple[Column, ...], old: Mapping[str, object]) -> Diff:
    found = {}
    for column in columns:
        if column.editable and column.header in cells:
            cell = cells[column.header]
            before, after = as_text(old.get(column.header)).strip(), as_text(cell.value)
            if before != after:
                found[column.header] = (cell.ref, before, after)
    return found


@dataclass
class _Draft:
    """A system being edited: its fields, and its entries by risk id (None once cleared)."""

    system: AISystem
    entries: dict[str, RiskEntry | None]


@dataclass
class _Reader:
    """Rows in, drafts of the changed systems and edits out; every problem goes to `problems`.

    Rows are unique per key, so each row is compared with the register as it is, never with
    another row's edit.
    """

    register: Register
    criteria: Criteria
    current: dict[str, SystemFile]
    problems: Problems
    drafts: dict[str, _Draft] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    seen: set[Key] = field(default_factory=set)
    _entries: dict[str, dict[str, RiskEntry]] = field(default_factory=dict)

    def _draft(self, system_id: str) -> _Draft:
        if system_id not in self.drafts:
            base = self.current[system_id]
            self.drafts[system_id] = _Draft(base.system, dict(self._entries_of(system_id)))
        return self.drafts[system_id]

    def _entries_of(self, system_id: str) -> dict[str, RiskEntry]:
        if system_id not in self._entries:
            self._entries[system_id] = {e.risk: e for e in self.current[system_id].risks}
        return self._entries[system_id]

    def system_row(self, cells: dict[str, Cell]) -> None:
        key = self._key(cells, "Systems", ("id", None))
        if key is None:
            return
        base = self.current[key[0]]
        diff = _diff(cells, SYSTEM_COLUMNS, row_values(base))
        if not diff:
            return
        system = system_of(base.system, cells, "Systems", self.problems, self.criteria)
        if system is not None:
            self._draft(key[0]).system = system
            self._record("Systems", key, diff)

    def risk_row(self, cells: dict[str, Cell]) -> None:
        key = self._key(cells, "Risks", ("system", "risk"))
        if key is None:
            return
        system_id, risk_id = key
        if risk_id is None:
            return
        risk = self.register.risk(risk_id)
        base = self.current[system_id]
        if risk is None or not base.scope.covers(risk):
            reason = f"{risk_id} is not in the scope of {system_id}"
            self.problems.add("Risks", cells["risk"].ref, reason)
            return
        entry = self._entries_of(system_id).get(risk_id)
        diff = _diff(cells, RISK_COLUMNS, row_values(base, entry, risk_row=True))
        if not diff:
            return
        ok, new = entry_of(risk, cells, self.criteria, "Risks", self.problems)
        if ok:
            self._draft(system_id).entries[risk_id] = new
            self._record("Risks", key, diff)

    def _key(self, cells: dict[str, Cell], sheet: str, names: tuple[str, str | None]) -> Key | None:
        values = [cells[name] if name else None for name in names]
        for name, cell in zip(names, values, strict=True):
            if cell is not None and not cell.value:
                self.problems.add(sheet, cell.ref, f"{name}: required (it names the row)")
                return None
        first = values[0]
        assert first is not None
        key: Key = (str(first.value), str(values[1].value) if values[1] else None)
        if key[0] not in self.current:
            self.problems.add(sheet, first.ref, f"no system {key[0]!r} in the register")
            return None
        if key in self.seen:
            self.problems.add(sheet, first.ref, "this row repeats an earlier one")
            return None
        self.seen.add(key)
        return key

    def _record(self, sheet: str, key: Key, diff: Diff) -> None:
        system_id, risk_id = key
        self.edits += [
            Edit(
                sheet=sheet,
                cell=ref,
                file=system_file(system_id),
                system=system_id,
                risk=risk_id,
                field=field_name(header, system_row=risk_id is None),
                old=old,
                new=new,
            )
            for header, (ref, old, new) in diff.items()
        ]

    def check_fresh(self, digests: dict[str, tuple[str, str]]) -> None:
        """Refuse edits to a system that changed in the register after the export."""
        for system_id in self.drafts:
            ref, exported = digests.get(system_id, ("A1", ""))
            if exported != digest(self.current[system_id]):
                reason = f"{system_id} changed in the register since this export; export again"
                self.problems.add("About", ref, reason)

    def contents(self) -> dict[str, str]:
        """The files to write, after a last check of each rebuilt system against the register."""
        contents: dict[str, str] = {}
        for system_id, draft in self.drafts.items():
            name = system_file(system_id)
            base = self.current[system_id]
            entries = [entry for entry in draft.entries.values() if entry is not None]
            try:
                checked = SystemFile(
                    schema_version=base.schema_version,
                    system=draft.system,
                    scope=base.scope,
                    risks=entries,
                )
            except ValidationError as exc:
                self.problems.add("Risks", "-", f"{name}: {exc.errors()[0]['msg']}")
                continue
            loaded = LoadedSystem(Path(name), checked)
            for problem in check_systems([loaded], self.register, self.criteria):
                self.problems.add("Risks", "-", str(problem))
            contents[name] = render_system(checked)
        return contents


def import_workbook(
    folder: Path, path: Path, *, dry_run: bool = False
) -> tuple[ImportPlan, list[Path]]:
    """Plan an import against the register in `folder` and, unless `dry_run`, write it.

    Returns the plan (its edits say what changed) and the files written (none on a dry run, and
    none when the workbook changes nothing). Record the plan with `import_record` afterwards.
    """
    register = load_register(folder)
    criteria = load_criteria(folder)
    plan = plan_xlsx_import(path, register, load_systems(folder, register, criteria), criteria)
    return plan, [] if dry_run else apply_import(folder, plan)
