"""Waivers, baselines and history through `riskreg check` as CI runs it, on the real opa."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from riskreg.workflow.history import integrity_ok, list_runs
from tests.integration.conftest import FIXTURES

pytestmark = pytest.mark.opa
TARGETS = str(FIXTURES / "targets")
WAIVER = """waivers:
  - control: DEMO-001
    target: "*"
    reason: node agent needs the host network until the CNI migration
    approver: alice@example.com
    created: 2026-01-01
    expires: 2026-02-10
"""


def _check(policies: Path, risks: Path, now: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "riskreg", "check", "--policies", str(policies),
         "--risks", str(risks), "--now", f"{now}T09:00:00+00:00", "-f", "json", *extra, TARGETS],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_waiver_expires_between_two_runs_and_the_gate_starts_failing(
    demo_policies: Path, empty_register: Path, tmp_path: Path
) -> None:
    (empty_register / "waivers.yaml").write_text(WAIVER)
    history = str(tmp_path / "history.sqlite")
    before = _check(demo_policies, empty_register, "2026-02-01", "--record", "--history", history)
    assert before.returncode == 0, before.stderr
    report = json.loads(before.stdout)
    assert [f["outcome"] for f in report["findings"]] == ["waived"]
    assert report["waivers"][0]["state"] == "expiring"
    assert report["waivers"][0]["waiver"]["approver"] == "alice@example.com"
    assert "expires 2026-02-10 (in 9 days" in before.stderr

    after = _check(demo_policies, empty_register, "2026-02-11", "--record", "--history", history)
    assert after.returncode == 1, after.stderr
    report = json.loads(after.stdout)
    assert [f["outcome"] for f in report["findings"]] == ["fail"]
    assert report["waivers"][0]["state"] == "expired"
    assert "expired 2026-02-10 and no longer applies" in after.stderr
    assert report["trend"]["failing_delta"] == 1

    runs = list_runs(Path(history))
    assert [(run.passed_gate, run.waived, run.failing) for run in runs] == [
        (True, 1, 0),
        (False, 0, 1),
    ]
    assert integrity_ok(Path(history))


def test_waiver_without_approver_exits_3(demo_policies: Path, empty_register: Path) -> None:
    (empty_register / "waivers.yaml").write_text(
        WAIVER.replace("    approver: alice@example.com\n", "")
    )
    done = _check(demo_policies, empty_register, "2026-02-01")
    assert done.returncode == 3
    assert "waivers.0.approver: Field required" in done.stderr
    assert done.stderr.count("\n") == 1


def test_baseline_hides_old_findings_but_not_a_new_one(
    demo_policies: Path, empty_register: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    made = subprocess.run(
        [sys.executable, "-m", "riskreg", "baseline", "update", "--policies", str(demo_policies),
         "--risks", str(empty_register), "--output", str(baseline), TARGETS],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    known = _check(demo_policies, empty_register, "2026-02-01", "--baseline", str(baseline))
    assert known.returncode == 0, known.stderr
    assert json.loads(known.stdout)["baseline"]["known"][0]["resource"] == "Pod/p1"

    data = json.loads(baseline.read_text())
    data["entries"][0]["resource"] = "Pod/gone"
    baseline.write_text(json.dumps(data))
    new = _check(demo_policies, empty_register, "2026-02-01", "--baseline", str(baseline))
    assert new.returncode == 1
    info = json.loads(new.stdout)["baseline"]
    assert (len(info["new"]), len(info["known"]), len(info["fixed"])) == (1, 0, 1)
    assert "1 new, 0 known, 1 fixed" in new.stderr
