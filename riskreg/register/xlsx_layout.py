"""The register spreadsheet's layout, shared by export and import: sheets, columns, cell text.

Every value is shown as text the import can read back unchanged: dates as dates, lists joined
with `, `, unset as an empty cell. Text starting with `= + - @`, a tab, a carriage return or an
apostrophe gets one leading apostrophe on export (so no spreadsheet ever runs it as a formula) and
loses it on import; formula cells are refused on import, never evaluated.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import Enum

from riskreg.models.system import SystemFile
from riskreg.register.systems import render_system

FORMAT = "riskreg-register-xlsx/1"
SYSTEMS, RISKS, MITIGATIONS, LISTS, ABOUT = "Systems", "Risks", "Mitigations", "Lists", "About"
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r", "'")
LIST_SEPARATOR = ", "


@dataclass(frozen=True)
class Column:
    """One column: header text, whether the import reads it, and its validation list, if any."""

    header: str
    editable: bool = True
    choices: str | None = None
    width: int = 18


SYSTEM_COLUMNS = (
    Column("id", editable=False, width=20),
    Column("name", width=24),
    Column("purpose", width=40),
    Column("owner", width=22),
    Column("lifecycle", choices="lifecycle"),
    Column("role", choices="role", width=22),
    Column("eu_ai_act", choices="eu_ai_act", width=14),
    Column("annex_iii_area", choices="annex_iii_area", width=24),
    Column("eu_ai_act_rationale", width=40),
    Column("appetite", choices="levels", width=12),
    Column("deployments", width=30),
    Column("targets", width=40),
)
RISK_COLUMNS = (
    Column("system", editable=False, width=18),
    Column("risk", editable=False, width=10),
    Column("title", editable=False, width=40),
    Column("subdomain", editable=False, width=10),
    Column("owner", width=22),
    Column("likelihood", choices="likelihood", width=14),
    Column("impact", choices="impact", width=12),
    Column("inherent", editable=False, width=10),
    Column("residual", editable=False, width=10),
    Column("assurance", editable=False, width=36),
    Column("assessor", width=22),
    Column("assessed", width=12),
    Column("next_review", width=12),
    Column("treatment", choices="treatment", width=12),
    Column("mitigations", width=30),
    Column("rationale", width=40),
    Column("approver", width=22),
    Column("approved", width=12),
    Column("expires", width=12),
    Column("transfer_to", width=20),
    Column("note", width=30),
)
MITIGATION_COLUMNS = (
    Column("risk", editable=False, width=10),
    Column("mitigation", editable=False, width=14),
    Column("source", editable=False, width=8),
    Column("title", editable=False, width=40),
    Column("controls", editable=False, width=30),
    Column("register_links", editable=False, width=30),
)


def header_index(columns: tuple[Column, ...]) -> dict[str, int]:
    """Column header -> 1-based column number."""
    return {column.header: number for number, column in enumerate(columns, start=1)}


def show(value: object) -> str | dt.date:
    """How a model value appears in a cell (dates stay dates, so spreadsheets sort them)."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, dt.date):
        return value
    return str(value)


def as_text(value: object) -> str:
    """A shown value as comparable text (ISO dates)."""
    shown = show(value)
    return shown.isoformat() if isinstance(shown, dt.date) else shown


def neutralise(text: str) -> str:
    """Text that no spreadsheet runs as a formula: one apostrophe before a risky first character."""
    return f"'{text}" if text.startswith(UNSAFE_START) else text


def restore(text: str) -> str:
    """The inverse of `neutralise` on text read back from a cell."""
    if len(text) > 1 and text[0] == "'" and text[1] in "".join(UNSAFE_START):
        return text[1:]
    return text


def split_list(text: str) -> list[str]:
    """A `, `-joined cell back into its items (blank items dropped)."""
    return [item.strip() for item in text.split(",") if item.strip()]


def digest(content: SystemFile) -> str:
    """sha256 of a system as riskreg writes it: tells an import the system changed since export."""
    return hashlib.sha256(render_system(content).encode("utf-8")).hexdigest()
