"""Read the MIT AI Risk Database sheet, from the .xlsx workbook or a CSV export, as rows of text.

Both paths give the same thing: sheet row numbers, the header located among banner rows, every
cell as the text the sheet shows (so a workbook and its CSV export import identically).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from riskreg.errors import InvalidInputError
from riskreg.register.tabular import file_sha256, find_header, read_csv

COLUMNS = (
    "Title", "QuickRef", "Ev_ID", "Paper_ID", "Cat_ID", "SubCat_ID", "AddEv_ID", "Category level",
    "Risk category", "Risk subcategory", "Description", "Additional ev.", "P.Def", "p.AddEv",
    "Entity", "Intent", "Timing", "Domain", "Sub-domain",
)  # fmt: skip
_SHEET = re.compile(r"AI Risk Database v\d+", re.IGNORECASE)
_UPDATED = re.compile(r"Updated:\s*(\d{1,2} [A-Za-z]+ \d{4})")
_VERSION = re.compile(r"(?:^|[^A-Za-z])[Vv](\d+)(?=[_ .-]|$)")


@dataclass(frozen=True)
class SheetRow:
    """One data row: its 1-based sheet (or CSV record) number and its cells by column name."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Sheet:
    """The data rows of the database sheet and what identifies the release they come from."""

    file: Path
    sha256: str
    version: str | None
    release_date: dt.date | None
    rows: list[SheetRow]


def read_sheet(path: Path) -> Sheet:
    """Read a `.xlsx` workbook or a `.csv` export of the database sheet."""
    if not path.is_file():
        raise InvalidInputError(f"{path}: file: not found")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        sheet_name, raw = _xlsx_rows(path)
    elif suffix == ".csv":
        sheet_name, raw = path.stem, read_csv(path).records
    else:
        raise InvalidInputError(f"{path}: file: expected a .xlsx workbook or a .csv export")
    header, columns = find_header(path, raw, COLUMNS)
    banner = " ".join(cell for row in raw[:header] for cell in row)
    rows = [
        SheetRow(number, {name: _cell(row, index) for name, index in columns.items()})
        for number, row in enumerate(raw[header + 1 :], start=header + 2)
        if any(cell.strip() for cell in row)
    ]
    return Sheet(path, file_sha256(path), _version(sheet_name, path), _released(banner), rows)


def _cell(row: list[str], index: int) -> str:
    return row[index] if index < len(row) else ""


def _xlsx_rows(path: Path) -> tuple[str, list[list[str]]]:
    """Cached values of every row of the database sheet (formula cells read as their results)."""
    from openpyxl import load_workbook  # heavy; only imports need it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InvalidInputError(f"{path}: xlsx: not a readable workbook ({exc})") from None
    try:
        name = next((n for n in workbook.sheetnames if _SHEET.fullmatch(n.strip())), None)
        if name is None:
            sheets = ", ".join(workbook.sheetnames)
            raise InvalidInputError(f"{path}: sheet: no 'AI Risk Database vN' sheet ({sheets})")
        rows = [
            [_text(value) for value in row] for row in workbook[name].iter_rows(values_only=True)
        ]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as exc:
        raise InvalidInputError(f"{path}: xlsx: damaged workbook ({exc})") from None
    finally:
        workbook.close()
    return name, rows


def _text(value: object) -> str:
    """The text a cell shows. Page ranges such as `5-6` were turned into dates by the sheet and
    are displayed with an `m-d` format, so a date becomes `month-day` again; `3.0` is `3`."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.month}-{value.day}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _version(sheet_name: str, path: Path) -> str | None:
    for text in (sheet_name, path.name):
        if match := _VERSION.search(text):
            return f"V{match.group(1)}"
    return None


def _released(banner: str) -> dt.date | None:
    match = _UPDATED.search(banner)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%d %B %Y").date()
    except ValueError:
        return None
