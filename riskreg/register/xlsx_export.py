"""Export the register to an xlsx workbook: systems, in-scope risks with scores, mitigations."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from riskreg.models.assessment import RiskEntry
from riskreg.models.assurance import Assurance
from riskreg.models.criteria import Criteria
from riskreg.models.risk import Register, Risk, Treatment
from riskreg.models.system import AiActClass, AnnexIIIArea, Lifecycle, Role, SystemFile
from riskreg.register.links import register_links
from riskreg.register.residual import inherent, residual
from riskreg.register.scope import effective_systems, in_scope
from riskreg.register.xlsx_layout import (
    ABOUT,
    FORMAT,
    LISTS,
    MITIGATION_COLUMNS,
    MITIGATIONS,
    RISK_COLUMNS,
    RISKS,
    SYSTEM_COLUMNS,
    SYSTEMS,
    Column,
    digest,
    neutralise,
    show,
)

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

Row = list[object]


def export_xlsx(
    register: Register,
    systems: list[SystemFile],
    criteria: Criteria,
    controls: Mapping[str, Sequence[str]],
    assurances: Mapping[str, Mapping[str, Assurance]] | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """The workbook's bytes. `controls` is METADATA's mitigation id -> control ids; `assurances`
    (system id -> mitigation id -> state), when given, fills the residual and assurance columns.
    A register without systems exports its implicit system `all`."""
    from openpyxl import Workbook  # heavy; only export needs it

    effective = effective_systems(systems, criteria.scale)
    lists = _lists(criteria)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SYSTEMS
    _fill(sheet, SYSTEM_COLUMNS, [_system_row(item) for item in effective], lists)
    rows = [
        _risk_row(
            item, risk, entries.get(risk.id), criteria, (assurances or {}).get(item.system.id)
        )
        for item, entries in ((item, {e.risk: e for e in item.risks}) for item in effective)
        for risk in in_scope(item, register.risks)
    ]
    _fill(book.create_sheet(RISKS), RISK_COLUMNS, rows, lists)
    scoped = {row[1] for row in rows}
    _fill(
        book.create_sheet(MITIGATIONS),
        MITIGATION_COLUMNS,
        _mitigation_rows(register, scoped, controls),
        lists,
    )
    _write_lists(book.create_sheet(LISTS), lists)
    about: list[Row] = [["format", FORMAT], ["register_version", register.version]]
    about += [[f"system:{item.system.id}", digest(item)] for item in effective]
    _fill(book.create_sheet(ABOUT), (Column("key"), Column("value", width=70)), about, lists)
    stamp = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None, microsecond=0)
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "riskreg"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _lists(criteria: Criteria) -> dict[str, list[str]]:
    scale = criteria.scale
    return {
        "lifecycle": [item.value for item in Lifecycle],
        "role": [item.value for item in Role],
        "eu_ai_act": [item.value for item in AiActClass],
        "annex_iii_area": [item.value for item in AnnexIIIArea],
        "levels": list(scale.levels),
        "likelihood": list(scale.likelihood),
        "impact": list(scale.impact),
        "treatment": [item.value for item in Treatment],
    }


def _system_row(item: SystemFile) -> Row:
    system, act = item.system, item.system.eu_ai_act
    return [
        system.id, system.name, system.purpose, system.owner, system.lifecycle, system.role,
        act.classification if act else None, act.annex_iii_area if act else None,
        act.rationale if act else None, system.appetite, system.evidence.deployments,
        system.evidence.targets,
    ]  # fmt: skip


def _risk_row(
    item: SystemFile,
    risk: Risk,
    entry: RiskEntry | None,
    criteria: Criteria,
    states: Mapping[str, Assurance] | None,
) -> Row:
    assessment = entry.assessment if entry else None
    treatment = entry.treatment if entry else None
    scores = ["", ""]
    if assessment is not None:
        scores[0] = inherent(assessment, criteria.scale).level
        if states is not None:
            left = residual(assessment, treatment, states, criteria.residual, criteria.scale)
            scores[1] = left.level
    mitigations = treatment.mitigations if treatment else []
    evidence = (
        ", ".join(f"{m}: {states.get(m, Assurance.GAP).value}" for m in mitigations)
        if states is not None
        else ""
    )
    a, t = assessment, treatment
    return [
        item.system.id, risk.id, risk.title, risk.subdomain.code if risk.subdomain else None,
        entry.owner if entry else None, a.likelihood if a else None, a.impact if a else None,
        *scores, evidence, a.assessor if a else None, a.date if a else None,
        a.next_review if a else None, t.decision if t else None, mitigations,
        t.rationale if t else None, t.approver if t else None, t.approved if t else None,
        t.expires if t else None, t.transfer_to if t else None, entry.note if entry else None,
    ]  # fmt: skip


def _mitigation_rows(
    register: Register, scoped: set[object], controls: Mapping[str, Sequence[str]]
) -> list[Row]:
    links = register_links(register)
    return [
        [
            risk.id,
            mitigation.id,
            "team" if mitigation.team_owned else "source",
            mitigation.title,
            sorted(controls.get(mitigation.id, [])),
            links.get(mitigation.id, []),
        ]
        for risk in register.risks
        if risk.id in scoped
        for mitigation in risk.mitigations
    ]


def _fill(
    sheet: Worksheet, columns: Sequence[Column], rows: list[Row], lists: dict[str, list[str]]
) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    grey = PatternFill("solid", fgColor="DDDDDD")
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=column.header)
        cell.font = Font(bold=True)
        if not column.editable:
            cell.fill = grey  # read-only: the import ignores these columns (except the keys)
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    for row in rows:
        sheet.append([_cell(value) for value in row])
    sheet.freeze_panes = "A2"
    last = max(len(rows) + 1, 2)
    for number, column in enumerate(columns, start=1):
        if column.choices:
            _validate(sheet, get_column_letter(number), last, column.choices, lists)


def _cell(value: object) -> object:
    shown = show(value)
    return neutralise(shown) if isinstance(shown, str) else shown


def _validate(
    sheet: Worksheet, letter: str, last: int, name: str, lists: dict[str, list[str]]
) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    source = get_column_letter(list(lists).index(name) + 1)
    rule = DataValidation(
        type="list",
        formula1=f"{LISTS}!${source}$2:${source}${len(lists[name]) + 1}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=f"{name}: not on the list",
        error=f"Pick a value from the {name} list",
    )
    sheet.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{last}")


def _write_lists(sheet: Worksheet, lists: dict[str, list[str]]) -> None:
    for number, (name, values) in enumerate(lists.items(), start=1):
        sheet.cell(row=1, column=number, value=name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row=row, column=number, value=neutralise(value))
    sheet.sheet_state = "hidden"
