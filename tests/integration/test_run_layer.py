"""The run layer evaluates for real and says nothing: results and messages come back as values."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from riskreg.config import Flags, Settings, resolve_settings
from riskreg.models.finding import Outcome
from riskreg.policy.engines.binary import OpaBinary
from riskreg.run.evaluation import evaluate_targets, find_targets
from riskreg.run.sources import Sources, obtain_report, with_coverage

pytestmark = pytest.mark.opa

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "deployments"


def _settings(opa: OpaBinary, tmp_path: Path, **changes: Any) -> Settings:
    flags = Flags(
        risks=REPO / "risks", policies=REPO / "policies", opa_binary=opa.path,
        history=tmp_path / "history.sqlite", now="2026-01-31T12:00:00+00:00",
    )  # fmt: skip
    return resolve_settings(replace(flags, **changes), env={}, start=tmp_path)


def test_run_writes_nothing_to_stdout_or_stderr(
    opa: OpaBinary, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    settings = _settings(opa, tmp_path, record=True)
    seen: list[int] = []
    targets = find_targets(settings, [str(EXAMPLES)])
    result = evaluate_targets(settings, targets, progress=seen.append)
    report, _ = with_coverage(settings, result.report)
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert report.summary.targets == 3 and sum(seen) == 3
    assert report.summary.by_outcome[Outcome.FAIL.value] > 0  # two examples fail on purpose
    assert result.messages[-1].startswith("recorded run 1 in ")


def test_waiver_warnings_are_returned_not_printed(
    opa: OpaBinary, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    risks = tmp_path / "risks"
    shutil.copytree(REPO / "risks", risks)
    soon = dt.date(2026, 2, 5).isoformat()
    waiver = {
        "control": "*", "reason": "migration", "approver": "a@example.com",
        "created": "2026-01-01", "expires": soon,
    }  # fmt: skip
    (risks / "waivers.yaml").write_text(yaml.safe_dump({"waivers": [waiver]}), encoding="utf-8")
    settings = _settings(opa, tmp_path, risks=risks)
    run = obtain_report(settings, Sources([str(EXAMPLES / "coding-agent")], None))
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert any(line.startswith("warning: waiver") for line in run.messages), run.messages
    assert run.report.summary.by_outcome[Outcome.WAIVED.value] > 0
