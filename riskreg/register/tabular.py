"""Reading CSV exports safely: strict UTF-8, record numbers, and a header found among banner rows."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from riskreg.errors import InvalidInputError


@dataclass(frozen=True)
class Table:
    """The records of a CSV file (1-based record numbers) and the sha256 of its bytes."""

    path: Path
    records: list[list[str]]
    sha256: str


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes, recorded so an auditor can prove which file was imported."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def decode_utf8(path: Path, data: bytes) -> str:
    """Strict UTF-8 (a BOM is allowed); a bad byte is an error naming its line and offset."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            f"{path}:{line}: encoding: not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})"
        ) from None


def read_csv(path: Path) -> Table:
    """Every record of a CSV file; cells keep their text, embedded newlines included."""
    data = path.read_bytes()
    text = decode_utf8(path, data)
    try:
        records = list(csv.reader(text.splitlines(keepends=True), strict=True))
    except csv.Error as exc:
        raise InvalidInputError(f"{path}: csv: {exc}") from None
    return Table(path, records, hashlib.sha256(data).hexdigest())


def find_header(
    path: Path, rows: Sequence[Sequence[object]], required: Sequence[str], search: int = 5
) -> tuple[int, dict[str, int]]:
    """Index of the header row among the first `search` rows and each required column's position.

    The header is the first row that holds the first required column; any other column missing
    from it is an error naming the column.
    """
    for index, row in enumerate(rows[:search]):
        cells = [str(cell).strip() if cell is not None else "" for cell in row]
        if required[0] in cells:
            missing = [name for name in required if name not in cells]
            if missing:
                raise InvalidInputError(
                    f"{path}:{index + 1}: header: missing column {missing[0]!r}",
                    hint=f"expected columns: {', '.join(required)}",
                )
            return index, {name: cells.index(name) for name in required}
    raise InvalidInputError(
        f"{path}:1: header: no header row with {required[0]!r} in the first {search} rows"
    )
