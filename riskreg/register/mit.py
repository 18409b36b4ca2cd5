"""Import the MIT AI Risk Repository database and reproduce its public `mitNNNN` numbering.

Rows are taken in sheet order; rows whose `Category level` is `Risk Category` or
`Risk Sub-Category` and whose Entity, Intent, Timing and Domain are all coded (not blank,
`Not coded` or `Excluded`) are numbered: `mitN` is the N-th such row (V4 gives 1,520).
`Additional evidence` rows attach to the nearest earlier row with their parent Ev_ID (Ev_ID is
not unique, so position decides); `Paper` rows give the source's paper title and QuickRef.
Text is kept as the sheet has it (only trimmed); comparisons elsewhere use `text.normalised`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from riskreg.errors import InvalidInputError
from riskreg.models.risk import CausalTaxonomy, Coded, Domain, Risk, Source, Subdomain
from riskreg.register.mitsheet import Sheet, SheetRow, read_sheet

RISK_LEVELS = frozenset({"Risk Category", "Risk Sub-Category"})
CODED_COLUMNS = ("Entity", "Intent", "Timing", "Domain")
_DOMAIN = re.compile(r"\s*([0-9X]+)\.\s*(\S.*?)\s*", re.S)
_SUBDOMAIN = re.compile(r"\s*([0-9X]+\.[0-9]+)\s*>\s*(\S.*?)\s*", re.S)
_EVIDENCE_SUFFIX = re.compile(r"\.?[a-z]+$")
T = TypeVar("T", Domain, Subdomain)


@dataclass
class _Pending:
    """A numbered risk row and the evidence rows found for it so far."""

    risk_id: str
    row: SheetRow
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MitImport:
    """What a database import produced, with counts for the summary line."""

    risks: list[Risk]
    sheet: Sheet
    skipped: int
    evidence: int


def is_coded(row: SheetRow) -> bool:
    """A risk row counts only when all four coding columns carry a real code."""
    values = [row.cells[name].strip() for name in CODED_COLUMNS]
    return all(
        v and "not coded" not in v.casefold() and "excluded" not in v.casefold() for v in values
    )


def import_database(
    path: Path, limit: int | None = None, only: set[str] | None = None
) -> MitImport:
    """Read the database in `path` into Risks `mit1..mitN` (the first `limit`, or those in `only`)."""
    sheet = read_sheet(path)
    papers, pending, skipped = _number(sheet)
    attached = _attach_evidence(sheet, pending)
    chosen = pending[:limit] if limit is not None else pending
    if only is not None:
        chosen = [item for item in chosen if item.risk_id in only]
    risks = [_risk(sheet, item, papers) for item in chosen]
    return MitImport(risks=risks, sheet=sheet, skipped=skipped, evidence=attached)


def _number(sheet: Sheet) -> tuple[dict[str, tuple[str, str]], list[_Pending], int]:
    papers: dict[str, tuple[str, str]] = {}
    pending: list[_Pending] = []
    skipped = 0
    for row in sheet.rows:
        level = row.cells["Category level"].strip()
        if level == "Paper":
            papers[row.cells["Paper_ID"].strip()] = (row.cells["Title"], row.cells["QuickRef"])
        elif level in RISK_LEVELS and is_coded(row):
            pending.append(_Pending(f"mit{len(pending) + 1}", row))
        elif level in RISK_LEVELS:
            skipped += 1
    return papers, pending, skipped


def _attach_evidence(sheet: Sheet, pending: list[_Pending]) -> int:
    """Attach evidence rows to the nearest earlier numbered row with the parent Ev_ID."""
    by_number = {item.row.number: item for item in pending}
    latest: dict[str, _Pending | None] = {}
    attached = 0
    for row in sheet.rows:
        level = row.cells["Category level"].strip()
        ev_id = row.cells["Ev_ID"].strip()
        if level in RISK_LEVELS:
            # A dropped parent hides the earlier one with the same Ev_ID: its evidence is dropped.
            latest[ev_id] = by_number.get(row.number)
        elif level == "Additional evidence":
            parent = latest.get(_EVIDENCE_SUFFIX.sub("", ev_id))
            text = row.cells["Additional ev."].strip()
            if parent is not None and text:
                parent.evidence.append(text)
                attached += 1
    return attached


def _risk(sheet: Sheet, item: _Pending, papers: dict[str, tuple[str, str]]) -> Risk:
    cells = item.row.cells
    paper_title, quickref = papers.get(
        cells["Paper_ID"].strip(), (cells["Title"], cells["QuickRef"])
    )
    where = f"{sheet.file}:{item.row.number}"
    try:
        return Risk(
            id=item.risk_id,
            title=(cells["Risk subcategory"].strip() or cells["Risk category"].strip()),
            description=cells["Description"].strip(),
            domain=_parse(_DOMAIN, cells["Domain"], Domain, where, "Domain"),
            subdomain=_parse(_SUBDOMAIN, cells["Sub-domain"], Subdomain, where, "Sub-domain"),
            causal=_causal(cells, where),
            source=Source(
                version=sheet.version,
                release_date=sheet.release_date,
                ev_id=cells["Ev_ID"].strip() or None,
                quickref=quickref.strip() or None,
                paper_title=paper_title.strip() or None,
                file=sheet.file.name,
                sha256=sheet.sha256,
                row=item.row.number,
                page=cells["P.Def"].strip() or None,
            ),
            additional_evidence=item.evidence,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"])
        raise InvalidInputError(f"{where}: {loc}: {first['msg']}") from None


def _causal(cells: dict[str, str], where: str) -> CausalTaxonomy:
    parts: dict[str, Coded] = {}
    for name in ("Entity", "Intent", "Timing"):
        try:
            parts[name.lower()] = Coded.parse(cells[name])
        except ValueError as exc:
            raise InvalidInputError(f"{where}: {name}: {exc}") from None
    return CausalTaxonomy(**parts)


def _parse(
    pattern: re.Pattern[str], text: str, model: type[T], where: str, column: str
) -> T | None:
    if not text.strip() and column == "Sub-domain":
        return None
    match = pattern.fullmatch(text)
    if match is None:
        raise InvalidInputError(f"{where}: {column}: cannot read {text!r}")
    return model(code=match.group(1), name=match.group(2))
