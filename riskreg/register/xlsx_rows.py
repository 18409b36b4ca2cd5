"""Spreadsheet rows to models and back: which field each column holds, and cell-level errors."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from riskreg.models.assessment import RiskEntry
from riskreg.models.criteria import Criteria
from riskreg.models.risk import Risk
from riskreg.models.system import AISystem, SystemFile
from riskreg.register.xlsx_layout import split_list
from riskreg.register.xlsx_read import Cell, Problems

Path_ = tuple[str, ...]
M = TypeVar("M", bound=BaseModel)
SYSTEM_FIELDS: dict[str, Path_] = {
    "id": ("id",),
    "name": ("name",),
    "purpose": ("purpose",),
    "owner": ("owner",),
    "lifecycle": ("lifecycle",),
    "role": ("role",),
    "eu_ai_act": ("eu_ai_act", "classification"),
    "annex_iii_area": ("eu_ai_act", "annex_iii_area"),
    "eu_ai_act_rationale": ("eu_ai_act", "rationale"),
    "appetite": ("appetite",),
    "deployments": ("evidence", "deployments"),
    "targets": ("evidence", "targets"),
}
RISK_FIELDS: dict[str, Path_] = {
    "owner": ("owner",),
    "likelihood": ("assessment", "likelihood"),
    "impact": ("assessment", "impact"),
    "assessor": ("assessment", "assessor"),
    "assessed": ("assessment", "date"),
    "next_review": ("assessment", "next_review"),
    "treatment": ("treatment", "decision"),
    "mitigations": ("treatment", "mitigations"),
    "rationale": ("treatment", "rationale"),
    "approver": ("treatment", "approver"),
    "approved": ("treatment", "approved"),
    "expires": ("treatment", "expires"),
    "transfer_to": ("treatment", "transfer_to"),
    "note": ("note",),
}
LISTS = frozenset({"deployments", "targets", "mitigations"})
DATES = frozenset({"assessed", "next_review", "approved", "expires"})
_FIELD_IN_MESSAGE = re.compile(r"^(?:Value error, )?([a-z_]+): ")


def field_name(header: str, system_row: bool) -> str:
    """The dotted model field a column edits, as edits and the history store name it."""
    fields = SYSTEM_FIELDS if system_row else RISK_FIELDS
    return ".".join(("system", *fields[header]) if system_row else fields[header])


def row_values(
    content: SystemFile, entry: RiskEntry | None = None, *, risk_row: bool = False
) -> dict[str, object]:
    """The model values a row shows: the system's own (`risk_row` False) or one risk entry's."""
    if not risk_row:
        return {header: _walk(content.system, path) for header, path in SYSTEM_FIELDS.items()}
    return {header: _walk(entry, path) for header, path in RISK_FIELDS.items()}


def _walk(model: object, path: Path_) -> object:
    for part in path:
        model = getattr(model, part, None) if model is not None else None
    return model


def system_of(
    old: AISystem, cells: dict[str, Cell], sheet: str, problems: Problems, criteria: Criteria
) -> AISystem | None:
    """The system a Systems row describes; None (with problems) when a cell is wrong."""
    found = len(problems.items)
    data = _nested(cells, SYSTEM_FIELDS, sheet, problems)
    if len(problems.items) > found:
        return None
    data["id"] = old.id
    system = _validated(AISystem, data, cells, SYSTEM_FIELDS, sheet, problems)
    if system is not None and not criteria.scale.knows("levels", system.appetite):
        _at(
            cells,
            "appetite",
            sheet,
            problems,
            f"appetite: not one of {', '.join(criteria.scale.levels)}",
        )
        return None
    return system


def entry_of(
    risk: Risk, cells: dict[str, Cell], criteria: Criteria, sheet: str, problems: Problems
) -> tuple[bool, RiskEntry | None]:
    """(ok, entry) for a Risks row; an all-empty row is (True, None): no entry."""
    found = len(problems.items)
    data = _nested(cells, RISK_FIELDS, sheet, problems)
    if len(problems.items) > found:
        return False, None  # an unreadable date: one problem for the cell is enough
    if not data:
        return True, None
    data["risk"] = risk.id
    entry = _validated(RiskEntry, data, cells, RISK_FIELDS, sheet, problems)
    if entry is None:
        return False, None
    ok = True
    scale = criteria.scale
    for axis in ("likelihood", "impact") if entry.assessment else ():
        label = getattr(entry.assessment, axis)
        if not scale.knows(axis, label):
            _at(
                cells,
                axis,
                sheet,
                problems,
                f"{axis}: {label!r} is not one of {', '.join(getattr(scale, axis))}",
            )
            ok = False
    known = {mitigation.id for mitigation in risk.mitigations}
    unknown = [
        m for m in (entry.treatment.mitigations if entry.treatment else []) if m not in known
    ]
    if unknown:
        _at(cells, "mitigations", sheet, problems, f"mitigations: {risk.id} has no {unknown[0]}")
        ok = False
    return ok, entry if ok else None


def _nested(
    cells: dict[str, Cell], fields: dict[str, Path_], sheet: str, problems: Problems
) -> dict[str, Any]:
    """Non-empty editable cells as the nested data a model validates."""
    data: dict[str, Any] = {}
    for header, path in fields.items():
        cell = cells.get(header)
        if cell is None or cell.value == "":
            continue
        value: object = cell.value
        if header in LISTS:
            value = split_list(str(value))
        elif header in DATES:
            value = _date(cell, sheet, problems)
        elif isinstance(value, dt.date):
            value = value.isoformat()
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    return data


def _date(cell: Cell, sheet: str, problems: Problems) -> object:
    if isinstance(cell.value, dt.date):
        return cell.value
    try:
        return dt.date.fromisoformat(cell.value)
    except ValueError:
        problems.add(sheet, cell.ref, f"expected a date (YYYY-MM-DD), got {cell.value!r}")
        return cell.value


def _validated(
    model: type[M],
    data: dict[str, Any],
    cells: dict[str, Cell],
    fields: dict[str, Path_],
    sheet: str,
    problems: Problems,
) -> M | None:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(str(part) for part in error["loc"] if not isinstance(part, int))
            message = str(error["msg"])
            named = _FIELD_IN_MESSAGE.match(message)
            if named and (*loc, named.group(1)) in fields.values():
                loc = (*loc, named.group(1))
            header = _header_of(loc, fields)
            text = message.removeprefix("Value error, ")
            prefix = "" if text.startswith(f"{header}:") else f"{header}: "
            _at(cells, header, sheet, problems, f"{prefix}{text}")
        return None


def _header_of(loc: Path_, fields: dict[str, Path_]) -> str:
    exact = [header for header, path in fields.items() if path == loc]
    inside = [header for header, path in fields.items() if path[: len(loc)] == loc]
    return (exact or inside or list(fields))[0]


def _at(cells: dict[str, Cell], header: str, sheet: str, problems: Problems, reason: str) -> None:
    cell = cells.get(header)
    problems.add(sheet, cell.ref if cell else f"{header} column", reason)
