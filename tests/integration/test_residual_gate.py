"""`riskreg check --gate residual` on the three example systems, in every check format."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from riskreg.cli.app import run
from tests.conftest import REPO

pytestmark = pytest.mark.opa
EXAMPLES = REPO / "examples" / "deployments"
NOW = "2026-11-28T12:00:00+00:00"
FLAGS = ["--risks", str(REPO / "risks"), "--policies", str(REPO / "policies"), "--now", NOW]
SARIF_SCHEMA = REPO / "tests" / "schemas" / "sarif-2.1.0-subset.schema.json"


def check(*args: str) -> int:
    return run(["check", *args, *FLAGS])


def test_text_names_each_case_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check(str(EXAMPLES), "--gate", "residual") == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    above = [line.split()[1:3] for line in lines if line.startswith("  ABOVE")]
    assert above == [["coding-agent", "mit1158:"], ["coding-agent", "mit1163:"]]
    [accepted] = [line for line in lines if line.startswith("  ACCEPTED")]
    assert "public-chat-api mit1166" in accepted and "until 2027-08-19" in accepted
    assert "  within appetite: browsing-agent" in lines
    assert "risks/systems/coding-agent.yaml:" in captured.out  # where to act
    assert "residual: 2 above appetite, 1 accepted, 3 systems judged" in captured.err


def test_json_sarif_and_junit_carry_the_failing_pairs(tmp_path: Path) -> None:
    outputs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("json", "sarif", "junit")}
    for fmt, path in outputs.items():
        assert check(str(EXAMPLES), "--gate", "residual", "-f", fmt, "-o", str(path)) == 1
    report = json.loads(outputs["json"].read_text(encoding="utf-8"))
    assert report["schema_version"] == 2 and report["decided_by"] == ["residual"]
    gate = report["residual_gate"]
    assert [(b["system"], b["risk"]) for b in gate["breaches"]] == [
        ("coding-agent", "mit1158"),
        ("coding-agent", "mit1163"),
    ]
    assert [(a["system"], a["risk"]) for a in gate["accepted"]] == [("public-chat-api", "mit1166")]
    sarif = json.loads(outputs["sarif"].read_text(encoding="utf-8"))
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "RISKREG-RESIDUAL"]
    assert [r["properties"]["system"] for r in results if "suppressions" not in r] == [
        "coding-agent",
        "coding-agent",
    ]
    assert results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "risks/systems/coding-agent.yaml"
    )
    suite = next(
        s for s in ET.parse(outputs["junit"]).getroot() if s.get("name") == "residual risk"
    )
    assert (suite.get("tests"), suite.get("failures")) == ("3", "1")


def test_residual_alone_ignores_control_failures_and_passes_a_clean_system() -> None:
    # browsing-agent fails no control and is within its appetite
    assert check(str(EXAMPLES / "browsing-agent"), "--gate", "residual") == 0
    # public-chat-api fails controls, but its one risk above appetite is accepted
    assert check(str(EXAMPLES / "public-chat-api"), "--gate", "residual") == 0
    assert check(str(EXAMPLES / "public-chat-api")) == 1
    assert check(str(EXAMPLES / "public-chat-api"), "--gate", "controls", "--gate", "residual") == 1


def test_the_gate_comes_from_the_config_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLES / "coding-agent", tmp_path / "coding-agent")
    (tmp_path / "riskreg.toml").write_text('gate = ["residual"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert check("coding-agent", "-f", "json", "-o", "out.json") == 1
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert report["decided_by"] == ["residual"] and not report["residual_gate"]["passed"]
