"""Read a register workbook defensively: bounded archive, known sheets and columns, values only.

Nothing is evaluated: a formula cell is an error naming the cell, and text loses only the
apostrophe the export added. Every problem names sheet, cell and reason.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.register.xlsx_layout import (
    ABOUT,
    FORMAT,
    RISK_COLUMNS,
    RISKS,
    SYSTEM_COLUMNS,
    SYSTEMS,
    Column,
    restore,
)

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ROWS = 200_000
MAX_REPORTED = 20


class SpreadsheetError(InvalidInputError):
    """The workbook cannot be imported; `problems` lists every `Sheet!Cell: reason` found."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"{path}: {problems[0]}{more}", hint="nothing was written")
        self.problems = problems


@dataclass
class Problems:
    """Problems collected while reading, so one import reports them all at once."""

    items: list[str] = field(default_factory=list)

    def add(self, sheet: str, cell: str, reason: str) -> None:
        self.items.append(f"{sheet}!{cell}: {reason}")


@dataclass(frozen=True)
class Cell:
    """A cell's place and its value: text (stripped, apostrophe removed) or a date."""

    ref: str
    value: str | dt.date


@dataclass(frozen=True)
class SheetRows:
    """The data rows of one sheet: row number and the cells by column header."""

    name: str
    rows: list[dict[str, Cell]]


@dataclass(frozen=True)
class Workbook:
    """What an import reads: systems and risks rows, and the system digests of the export."""

    systems: SheetRows
    risks: SheetRows
    digests: dict[str, tuple[str, str]]  # system id -> (About cell, sha256 at export)


def read_workbook(path: Path, problems: Problems) -> Workbook:
    """Read the sheets an import uses; structural problems raise at once (nothing to check)."""
    _check_archive(path)
    from openpyxl import load_workbook  # heavy; only imports need it

    try:
        book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise SpreadsheetError(path, [f"workbook: not a readable xlsx file ({exc})"]) from None
    try:
        missing = [name for name in (SYSTEMS, RISKS, ABOUT) if name not in book.sheetnames]
        if missing:
            raise SpreadsheetError(path, [f"{missing[0]}: sheet missing (export a new workbook)"])
        about = _rows(book[ABOUT], ABOUT, None, problems)
        systems = _rows(book[SYSTEMS], SYSTEMS, SYSTEM_COLUMNS, problems)
        risks = _rows(book[RISKS], RISKS, RISK_COLUMNS, problems)
    finally:
        book.close()
    return Workbook(systems, risks, _digests(about, problems))


def _check_archive(path: Path) -> None:
    """Size budgets before any XML is parsed, so a zip bomb is refused cheaply."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SpreadsheetError(path, [f"workbook: larger than {MAX_FILE_BYTES} bytes"])
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (OSError, zipfile.BadZipFile) as exc:
        raise SpreadsheetError(path, [f"workbook: not a readable xlsx file ({exc})"]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(path, [f"workbook: unpacks to more than {MAX_UNPACKED_BYTES} bytes"])


def _rows(
    sheet: Any, name: str, columns: tuple[Column, ...] | None, problems: Problems
) -> SheetRows:
    from openpyxl.utils import get_column_letter

    raw = list(sheet.iter_rows())  # a ReadOnlyWorksheet; `Any`: openpyxl's stubs type it loosely
    if len(raw) > MAX_ROWS:
        problems.add(name, f"A{MAX_ROWS + 1}", f"more than {MAX_ROWS} rows")
        return SheetRows(name, [])
    headers = [_text_of(cell) for cell in raw[0]] if raw else []
    if columns is not None and not _headers_ok(name, headers, columns, problems):
        return SheetRows(name, [])
    names = [c.header for c in columns] if columns else ["key", "value"]
    rows: list[dict[str, Cell]] = []
    for number, row in enumerate(raw[1:], start=2):
        cells: dict[str, Cell] = {}
        for index, cell in enumerate(row):
            header = headers[index] if index < len(headers) else ""
            ref = f"{get_column_letter(index + 1)}{number}"
            value = _value(cell, name, ref, problems)
            if header in names:
                cells[header] = Cell(ref, value)
            elif value != "":
                problems.add(name, ref, "value outside the known columns")
        for index, header in enumerate(headers):
            if header in names and header not in cells:  # trailing empty cells are not stored
                cells[header] = Cell(f"{get_column_letter(index + 1)}{number}", "")
        if any(cell.value != "" for cell in cells.values()):
            rows.append(cells)
    return SheetRows(name, rows)


def _headers_ok(
    name: str, headers: list[str], columns: tuple[Column, ...], problems: Problems
) -> bool:
    from openpyxl.utils import get_column_letter

    ok = True
    for index, header in enumerate(headers):
        if header and header not in {c.header for c in columns}:
            problems.add(name, f"{get_column_letter(index + 1)}1", f"unknown column {header!r}")
            ok = False
    for column in columns:
        if column.header not in headers:
            problems.add(name, "1:1", f"column {column.header!r} missing")
            ok = False
    return ok


def _text_of(cell: object) -> str:
    value = getattr(cell, "value", None)
    return str(value).strip() if value is not None else ""


def _value(cell: object, sheet: str, ref: str, problems: Problems) -> str | dt.date:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f" or type(value).__name__ == "ArrayFormula":
        problems.add(sheet, ref, "formula: riskreg reads values only; type the value itself")
        return ""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            problems.add(sheet, ref, f"expected a date, got a date and time ({value})")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        problems.add(sheet, ref, f"expected text, got {value}")
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return restore(value.strip()).strip()
    problems.add(sheet, ref, f"unreadable cell ({type(value).__name__})")
    return ""


def _digests(about: SheetRows, problems: Problems) -> dict[str, tuple[str, str]]:
    values = {
        str(cells["key"].value): cells.get("value", Cell(cells["key"].ref.replace("A", "B"), ""))
        for cells in about.rows
        if "key" in cells
    }
    form = values.get("format")
    if form is None or form.value != FORMAT:
        where = form.ref if form else "A1"
        problems.add(ABOUT, where, f"format: not a riskreg register export ({FORMAT})")
    return {
        key.removeprefix("system:"): (cell.ref, str(cell.value))
        for key, cell in values.items()
        if key.startswith("system:")
    }
