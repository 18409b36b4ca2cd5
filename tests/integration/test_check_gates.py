"""--context, --require-verified and enforcement actions, through the real CLI and opa."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import REPO

pytestmark = pytest.mark.opa
BROWSING = REPO / "examples" / "deployments" / "browsing-agent"
NOW = "2026-11-20T00:00:00+00:00"


def _check(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "riskreg", "check", "--now", NOW, *args],
        capture_output=True, text=True, cwd=cwd, timeout=300, check=False,
    )  # fmt: skip


def _outcomes(run: subprocess.CompletedProcess[str], control: str) -> set[str]:
    findings = json.loads(run.stdout)["findings"]
    return {f["outcome"] for f in findings if f["control_id"] == control}


@pytest.fixture
def split(tmp_path: Path) -> tuple[Path, Path]:
    """browsing-agent with its NetworkPolicy moved to a cluster-wide folder, as repos keep it."""
    app, cluster = tmp_path / "app", tmp_path / "cluster"
    shutil.copytree(BROWSING, app)
    cluster.mkdir()
    shutil.move(app / "networkpolicy.yaml", cluster / "networkpolicy.yaml")
    return app, cluster


def test_deny_without_the_context_the_workload_has_no_egress_policy(
    split: tuple[Path, Path],
) -> None:
    app, _ = split
    run = _check(str(app), "-f", "json")
    assert run.returncode == 1, run.stderr
    assert "fail" in _outcomes(run, "NET-003")


def test_pass_context_supplies_the_policy_and_is_listed_as_an_input(
    split: tuple[Path, Path],
) -> None:
    app, cluster = split
    run = _check(str(app), "--context", str(cluster), "-f", "json")
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr
    assert _outcomes(run, "NET-003") == {"pass"}
    report = json.loads(run.stdout)
    assert report["summary"]["targets"] == 1  # the context folder is not a target
    assert [i["kind"] for i in report["inputs"] if i["path"].endswith("networkpolicy.yaml")] == [
        "context"
    ]


def test_deny_require_verified_fails_on_attested_only_mitigations() -> None:
    assert _check(str(BROWSING)).returncode == 0
    run = _check(str(BROWSING), "--require-verified", "-f", "json")
    assert run.returncode == 1
    gate = json.loads(run.stdout)["gates"][0]
    assert gate["name"] == "require-verified" and not gate["passed"]
    # The filtering and gating mitigations rest on the AIDeployment's own declaration only.
    assert any(line.startswith("mit1166.m2 is only attested") for line in gate["failures"])
    assert "gate require-verified failed" in run.stderr


def test_pass_warn_mode_reports_failures_without_failing_the_gate(
    split: tuple[Path, Path], tmp_path: Path
) -> None:
    app, _ = split
    (tmp_path / "riskreg.toml").write_text(
        f'risks = "{REPO / "risks"}"\npolicies = "{REPO / "policies"}"\n'
        '[enforcement]\n"NET-*" = "warn"\n',
        encoding="utf-8",
    )
    run = _check(str(app), "-f", "json", cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr
    report = json.loads(run.stdout)
    demoted = [f for f in report["findings"] if f["control_id"] == "NET-003"]
    assert demoted and all(f["outcome"] == "warn" and f["enforcement"] == "warn" for f in demoted)
    assert {c["id"]: c["enforcement"] for c in report["controls"]}["NET-003"] == "warn"
    assert "not enforced ([tool.riskreg.enforcement]): NET-001 warn" in run.stderr
