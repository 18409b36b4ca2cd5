"""`riskreg bundle build` served by the real opa; its decision logs ingested per control."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from riskreg.manifests.discover import discover
from riskreg.policy.engines.binary import OpaBinary
from riskreg.policy.engines.opa_server import free_port
from riskreg.policy.evaluate import build_input
from riskreg.yamlsafe.limits import Limits
from tests.integration.conftest import FIXTURES, REPO, run_riskreg

pytestmark = pytest.mark.opa


def _riskreg(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return run_riskreg(*args, cwd=cwd)


def _post(url: str, payload: dict[str, object]) -> dict[str, object]:
    request = urllib.request.Request(
        url, json.dumps(payload).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        result: dict[str, object] = json.load(response)
    return result


def _wait_healthy(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "opa exited while loading the bundle"
        try:
            with urllib.request.urlopen(f"{base}/health?bundles", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("opa did not become healthy with the bundle")


def test_opa_serves_the_bundle_and_its_decisions_are_ingested(
    opa: OpaBinary, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle.tar.gz"
    built = _riskreg("bundle", "build", "--output", str(bundle), "--policies", "policies")
    assert built.returncode == 0, built.stderr
    port = free_port()
    log = tmp_path / "opa.out"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [str(opa.path), "run", "--server", "--bundle", str(bundle),
             "--addr", f"127.0.0.1:{port}", "--set", "decision_logs.console=true",
             "--skip-version-check"],
            stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_healthy(base, server)
        register = _post(f"{base}/v1/data/riskreg_register", {})["result"]
        assert isinstance(register, dict) and register["risks"]
        targets = [
            build_input(target, 0) for target in discover([str(FIXTURES / "targets")], Limits())
        ]
        answer = _post(f"{base}/v1/data/riskreg_gate/batch", {"input": {"targets": targets}})
        assert isinstance(answer["result"], list) and len(answer["result"]) == len(targets)
        time.sleep(0.5)  # the console logger writes right after answering
    finally:
        server.terminate()
        server.wait(timeout=10)
    ingested = _riskreg(
        "decisions", "ingest", str(log), "--format", "json", "--policies", "policies"
    )
    assert ingested.returncode == 0, ingested.stderr
    evidence = json.loads(ingested.stdout)
    assert evidence["decisions"] >= 1 and evidence["evaluations"] == len(targets)
    assert evidence["window_start"] is not None
    controls = {item["control"]: item for item in evidence["controls"]}
    assert all(item["deny"] + item["passed"] == len(targets) for item in controls.values())
    assert all("." not in name for name in controls), "every package mapped to its control id"
