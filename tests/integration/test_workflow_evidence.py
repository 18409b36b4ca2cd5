"""`riskreg evidence keygen/pack/verify` as an auditor runs them: offline, exit 3 on any tampering."""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

import pytest

from riskreg.workflow.archive import read_tar_gz, write_tar_gz
from tests.integration.conftest import FIXTURES, run_riskreg

pytestmark = pytest.mark.opa


def _riskreg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_riskreg(*args, env=env)


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    private, public = tmp_path / "key.pem", tmp_path / "key.pub.pem"
    done = _riskreg("evidence", "keygen", "--private", str(private), "--public", str(public))
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    return private, public


def test_pack_verify_and_tamper(
    demo_policies: Path, empty_register: Path, keys: tuple[Path, Path], tmp_path: Path
) -> None:
    bundle = tmp_path / "evidence.tar.gz"
    packed = _riskreg(
        "evidence", "pack", "--output", str(bundle), "--policies", str(demo_policies),
        "--risks", str(empty_register), str(FIXTURES / "targets"),
        env={"RISKREG_EVIDENCE_KEY": keys[0].read_text()},
    )  # fmt: skip
    assert packed.returncode == 0, packed.stderr
    files = read_tar_gz(bundle.read_bytes(), "bundle")
    assert {"report.json", "versions.json", "MANIFEST", "MANIFEST.sig"} <= set(files)
    assert any(name.startswith("inputs/") for name in files)
    assert any(name.startswith("policies/") for name in files)
    assert json.loads(files["report.json"])["findings"][0]["control_id"] == "DEMO-001"

    ok = _riskreg("evidence", "verify", str(bundle), "--key", str(keys[1]))
    assert ok.returncode == 0, ok.stderr

    forged = dict(read_tar_gz(bundle.read_bytes(), "bundle"))
    forged["report.json"] = forged["report.json"].replace(b'"fail"', b'"pass"')
    tampered = tmp_path / "tampered.tar.gz"
    tampered.write_bytes(write_tar_gz(forged, 0))
    bad = _riskreg("evidence", "verify", str(tampered), "--key", str(keys[1]))
    assert bad.returncode == 3
    assert bad.stderr.startswith("error: ") and "changed report.json" in bad.stderr
    assert bad.stderr.count("\n") == 1


def test_wrong_key_and_missing_key(tmp_path: Path, keys: tuple[Path, Path]) -> None:
    other_private, other_public = tmp_path / "o.pem", tmp_path / "o.pub.pem"
    _riskreg("evidence", "keygen", "--private", str(other_private), "--public", str(other_public))
    report = tmp_path / "report.json"
    report.write_text(
        json.dumps(
            {"tool": {"version": "0"}, "generated_at": "2026-01-01T00:00:00Z", "fail_on": "low",
             "passed_gate": True, "controls": [], "findings": [],
             "summary": {"targets": 0, "controls": 0, "by_outcome": {},
                         "failures_by_severity": {}, "errors": 0}}
        )
    )  # fmt: skip
    bundle = tmp_path / "e.tar.gz"
    packed = _riskreg(
        "evidence", "pack", "--from-json", str(report), "--key-file", str(keys[0]),
        "--output", str(bundle), "--policies", str(FIXTURES / "policies"), "--risks", str(tmp_path),
    )  # fmt: skip
    assert packed.returncode == 0, packed.stderr
    wrong = _riskreg("evidence", "verify", str(bundle), "--key", str(other_public))
    assert wrong.returncode == 3 and "signature does not verify" in wrong.stderr
    unsigned = _riskreg("evidence", "pack", "--from-json", str(report), "--output", str(bundle))
    assert unsigned.returncode == 2 and "RISKREG_EVIDENCE_KEY" in unsigned.stderr
    again = _riskreg("evidence", "keygen", "--private", str(keys[0]))
    assert again.returncode == 2 and "not overwriting" in again.stderr
