"""`report`/`coverage --from-json`: a saved report is read and validated, bad input exits 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.cli.app import run

REPO = Path(__file__).resolve().parents[3]
FIXTURE = REPO / "tests" / "golden" / "report.fixture.json"


def test_report_from_saved_json_without_opa(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    code = run(
        [
            "report",
            "--from-json",
            str(FIXTURE),
            "-f",
            "csv",
            "-o",
            str(out),
            "--risks",
            str(REPO / "risks"),
        ]
    )
    assert code == 0
    assert out.read_text(encoding="utf-8").startswith("system,risk_id,")


def test_invalid_saved_report_is_invalid_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1}', encoding="utf-8")
    assert run(["coverage", "--from-json", str(bad), "--risks", str(REPO / "risks")]) == 3
    assert "expected `riskreg check --format json` output" in capsys.readouterr().err


def test_paths_and_from_json_together_is_a_usage_error() -> None:
    assert run(["coverage", "x.yaml", "--from-json", str(FIXTURE)]) == 2
