"""Issue 13, done when: the full MIT V4 register scoped for the example systems, the xlsx round trip
through a spreadsheet edit, and one manifest field flipping one system's residual risk and the
residual gate; every step through the CLI with the real opa, from the committed files only.

One MIT import and one evaluation of the examples are shared by the module (they take seconds).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from riskreg.cli.app import run
from riskreg.register.xlsx_layout import RISK_COLUMNS, header_index
from tests.conftest import MIT_DATA, REPO

pytestmark = [pytest.mark.opa, pytest.mark.slow]
WORKBOOK = MIT_DATA / "Copy of The AI Risk Repository V4_03_12_2025.xlsx"
EXAMPLES = REPO / "examples" / "deployments"
NOW = "2026-11-28T12:00:00+00:00"
MIT_RISKS = 1520


def cli(*args: str) -> int:
    """The CLI in this process, on a fixed day (acceptances and reviews depend on it)."""
    return run([*args, "--now", NOW])


@pytest.fixture(scope="module")
def mit_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed register (three seed risks, three example systems) plus all of MIT V4."""
    folder = tmp_path_factory.mktemp("mit") / "risks"
    shutil.copytree(REPO / "risks", folder)
    assert run(["risks", "import", "mit", str(WORKBOOK), "--risks", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def saved_run(mit_register: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`riskreg check examples/deployments -f json` against the full register, saved once."""
    path = tmp_path_factory.mktemp("run") / "run.json"
    flags = ["--risks", str(mit_register), "--policies", str(REPO / "policies")]
    assert cli("check", str(EXAMPLES), "-f", "json", "-o", str(path), *flags) == 1
    return path


@pytest.fixture
def register(mit_register: Path, tmp_path: Path) -> Path:
    """A private copy of the full register, so a test may change it."""
    folder = tmp_path / "risks"
    shutil.copytree(mit_register, folder)
    return folder


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def coverage(register: Path, out: Path, *sources: str) -> dict[str, Any]:
    flags = ["--risks", str(register), "--policies", str(REPO / "policies")]
    assert cli("coverage", *sources, "-f", "json", "-o", str(out), *flags) == 0
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def pairs(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (pair["system"], pair["risk"]): pair
        for item in data["systems"]["systems"]
        for pair in item["risks"]
    }


def test_coverage_lists_in_scope_risks_per_system_and_counts_the_rest(
    register: Path, saved_run: Path, tmp_path: Path
) -> None:
    data = coverage(register, tmp_path / "cov.json", "--from-json", str(saved_run))
    section = data["systems"]
    assert [item["id"] for item in section["systems"]] == [
        "browsing-agent",
        "coding-agent",
        "public-chat-api",
    ]
    scoped = {pair["risk"] for pair in pairs(data).values() if pair["in_scope"]}
    assert {risk["id"] for risk in data["risks"]} == scoped  # coverage holds in-scope risks only
    assert sum(section["unassessed"].values()) + len(scoped) == MIT_RISKS
    assert len(data["gaps"]) < 1517 and {gap["risk_id"] for gap in data["gaps"]} <= scoped
    pair = pairs(data)[("coding-agent", "mit1163")]
    wanted = {"system", "in_scope", "owner", "likelihood", "impact", "inherent", "residual"}
    assert wanted | {"treatment", "mitigations"} <= set(pair)
    assert (pair["inherent"], pair["residual"], pair["treatment"]) == ("high", "high", "mitigate")
    assert {m["id"]: m["status"] for m in pair["mitigations"]}["mit1163.m1"] == "failing"
    browsing = pairs(data)[("browsing-agent", "mit1163")]
    assert {m["id"]: m["status"] for m in browsing["mitigations"]}["mit1163.m1"] == "verified"
    unassessed = [p for p in pairs(data).values() if p["in_scope"] and p["inherent"] is None]
    assert unassessed and all(p["residual"] is None for p in unassessed)


def _edit(source: Path, target: Path, key: tuple[str, str], values: dict[str, str]) -> None:
    book = openpyxl.load_workbook(source)
    sheet = book["Risks"]
    column = {header: number - 1 for header, number in header_index(RISK_COLUMNS).items()}
    [row] = [
        row
        for row in sheet.iter_rows(min_row=2)
        if (row[column["system"]].value, row[column["risk"]].value) == key
    ]
    for header, value in values.items():
        row[column[header]].value = value
    book.save(target)


def test_xlsx_round_trip_changes_residual_risk_and_reports_and_is_recorded(
    register: Path, saved_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policies = ["--policies", str(REPO / "policies")]
    history = ["--history", str(tmp_path / "history.sqlite")]
    exported = tmp_path / "register.xlsx"
    assert cli("register", "export", "-o", str(exported), "--from-json", str(saved_run),
               "--risks", str(register), *policies) == 0  # fmt: skip
    before, md_before = snapshot(register), tmp_path / "before.md"
    report = ["report", "--from-json", str(saved_run), "-f", "md", "--risks", str(register)]
    assert cli(*report, "-o", str(md_before)) == 0
    # an unedited export changes nothing, byte for byte, and records nothing
    assert cli("register", "import", str(exported), "--risks", str(register), *history) == 0
    assert snapshot(register) == before and not (tmp_path / "history.sqlite").exists()
    # a spreadsheet edit: a new owner and a lower likelihood for coding-agent's mit1163
    edited = tmp_path / "edited.xlsx"
    _edit(exported, edited, ("coding-agent", "mit1163"), {"owner": "alice@example.com",
                                                           "likelihood": "rare"})  # fmt: skip
    assert cli("register", "import", str(edited), "--risks", str(register), "--by", "tester",
               *history) == 0  # fmt: skip
    changed = {name for name, digest in snapshot(register).items() if before[name] != digest}
    assert changed == {"systems/coding-agent.yaml"}
    after = pairs(coverage(register, tmp_path / "after.json", "--from-json", str(saved_run)))
    pair = after[("coding-agent", "mit1163")]
    assert (pair["owner"], pair["likelihood"], pair["residual"]) == (
        "alice@example.com",
        "rare",
        "low",
    )
    assert not pair["breach"]
    md_after = tmp_path / "after.md"
    assert cli(*report, "-o", str(md_after)) == 0
    times = "\N{MULTIPLICATION SIGN}"
    row = f"| mit1163 | high | likely {times} major = high | above appetite, not accepted |"
    assert row in md_before.read_text(encoding="utf-8")
    row = f"| mit1163 | low | rare {times} major = low | within appetite |"
    assert row in md_after.read_text(encoding="utf-8")
    capsys.readouterr()
    assert run(["register", "imports", "-f", "json", *history]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["user"], r["sha256"]) for r in records] == [
        ("tester", hashlib.sha256(edited.read_bytes()).hexdigest())
    ]
    assert sorted(edit["field"] for edit in records[0]["edits"]) == [
        "assessment.likelihood",
        "owner",
    ]


def test_flipping_one_manifest_field_changes_one_systems_residual_and_the_gate(
    register: Path, tmp_path: Path
) -> None:
    examples = tmp_path / "examples"
    shutil.copytree(EXAMPLES, examples)
    browsing = examples / "browsing-agent"
    flags = ["--risks", str(register), "--policies", str(REPO / "policies")]
    gate = ["check", str(browsing), "--gate", "residual", *flags]
    assert cli(*gate, "-o", str(tmp_path / "clean.txt")) == 0
    before = pairs(coverage(register, tmp_path / "before.json", str(examples)))
    manifest = browsing / "aideployment.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert text.count("defaultPolicy: deny") == 1
    manifest.write_text(text.replace("defaultPolicy: deny", "defaultPolicy: allow"), "utf-8")
    assert cli(*gate, "-f", "json", "-o", str(tmp_path / "flipped.json")) == 1
    verdict = json.loads((tmp_path / "flipped.json").read_text(encoding="utf-8"))["residual_gate"]
    assert [(b["system"], b["risk"]) for b in verdict["breaches"]] == [
        ("browsing-agent", "mit1163")
    ]
    after = pairs(coverage(register, tmp_path / "after.json", str(examples)))
    moved = {key for key in before if before[key]["residual"] != after[key]["residual"]}
    assert moved == {("browsing-agent", "mit1163")}
    assert (before[("browsing-agent", "mit1163")]["residual"], after[("browsing-agent", "mit1163")]["residual"]) == ("medium", "high")  # fmt: skip
