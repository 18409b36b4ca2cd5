"""Typed changes a spreadsheet import makes to the register, and the record kept of each import."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from riskreg.models.base import Frozen


class Edit(Frozen):
    """One changed value: where it was typed, what it changes, and the text before and after."""

    sheet: str
    cell: str = Field(description="A1 reference of the cell, e.g. H7")
    file: str = Field(description="Register file changed, relative to the register folder")
    system: str
    risk: str | None = Field(default=None, description="None for a field of the system itself")
    field: str = Field(description="Dotted field, e.g. assessment.likelihood or system.owner")
    old: str = Field(description="Value before, as the spreadsheet shows it ('' when unset)")
    new: str

    def __str__(self) -> str:
        subject = f"{self.system}/{self.risk}" if self.risk else self.system
        return f"{self.sheet}!{self.cell}: {subject}: {self.field}: {self.old!r} -> {self.new!r}"


class ImportRecord(Frozen):
    """A spreadsheet import as the history store keeps it: who, when, which file, what changed."""

    imported_at: dt.datetime
    user: str
    file: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    edits: list[Edit] = Field(default_factory=list)
