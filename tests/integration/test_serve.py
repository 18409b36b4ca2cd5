"""`riskreg serve` and `check --warm` as a user runs them (subprocesses), against the real opa.

Every server listens on 127.0.0.1, is stopped by its test (SIGTERM) and by its own idle timeout
besides, so a failing test leaves no opa behind for long.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.integration.conftest import REPO, run_riskreg

DEPLOYMENTS = REPO / "examples" / "deployments"
NOW = ("--now", "2026-01-31T12:00:00+00:00")
# Long enough for a check to reach the server on a loaded machine; the idle test uses 3 s.
IDLE = "20"


def riskreg(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run_riskreg(*args, cwd=project, env=env)


@contextmanager
def serving(
    project: Path, *args: str, idle: str = IDLE, **env: str
) -> Iterator[tuple[subprocess.Popen[str], dict[str, Any]]]:
    """`riskreg serve --format json` in `project`, and the state it printed once ready."""
    command = [sys.executable, "-m", "riskreg", "serve", "--idle-timeout", idle, "-f", "json"]
    process = subprocess.Popen(
        [*command, *args],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )
    try:
        yield process, _printed_state(process)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        process.communicate(timeout=30)


def _printed_state(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    text = ""
    for line in process.stdout:
        text += line
        if line.startswith("}"):
            return dict(json.loads(text))
    _, stderr = process.communicate(timeout=30)
    raise AssertionError(f"serve exited {process.returncode} before ready: {stderr}")


def _state_file(project: Path) -> Path:
    return project / ".riskreg" / "serve.json"


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # A zombie (exited, not yet reaped by its parent) is gone too.
    return "State:\tZ" in Path(f"/proc/{pid}/status").read_text()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with no controls of its own: the built-in pack and register only."""
    monkeypatch.setenv("RISKREG_BUILTINS", "true")
    return tmp_path


@pytest.fixture
def own_policies(tmp_path: Path) -> tuple[Path, list[str]]:
    """A project with its own copy of the controls (built-ins off), and the options naming it."""
    shutil.copytree(REPO / "policies", tmp_path / "policies")
    return tmp_path, ["--policies", "policies", "--risks", str(REPO / "risks")]


def test_serve_writes_a_private_state_file_and_prints_no_token(project: Path) -> None:
    with serving(project) as (process, printed):
        path = _state_file(project)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        stored = json.loads(path.read_text())
        assert "token" not in printed and "nonce" not in printed
        assert stored["token"] and stored["token"] not in json.dumps(printed)
        assert printed["url"].startswith("http://127.0.0.1:")
        assert printed["pid"] == process.pid
        assert {key: stored[key] for key in printed} == printed


def test_check_warm_evaluates_through_serve_with_the_cold_findings(project: Path) -> None:
    cold = riskreg(project, "check", str(DEPLOYMENTS), "-f", "json", *NOW)
    with serving(project):
        warm = riskreg(project, "check", "--warm", str(DEPLOYMENTS), "-f", "json", *NOW)
    assert (cold.returncode, warm.returncode) == (1, 1), warm.stderr
    cold_report, warm_report = json.loads(cold.stdout), json.loads(warm.stdout)
    assert cold_report["tool"]["engine"] == "local"
    assert warm_report["tool"]["engine"] == "warm"
    assert "warm: evaluating through riskreg serve" in warm.stderr
    assert warm_report["findings"] == cold_report["findings"]
    assert warm_report["summary"] == cold_report["summary"]


def test_check_warm_from_the_environment(project: Path) -> None:
    with serving(project):
        warm = riskreg(project, "check", str(DEPLOYMENTS), "-f", "json", RISKREG_WARM="1")
    assert json.loads(warm.stdout)["tool"]["engine"] == "warm", warm.stderr


def test_edited_policy_makes_check_warm_start_its_own_opa(
    own_policies: tuple[Path, list[str]],
) -> None:
    project, options = own_policies
    with serving(project, *options):
        rego = project / "policies" / "gate" / "gate.rego"
        rego.write_text(rego.read_text() + "\n# edited after serve started\n")
        done = riskreg(project, "check", "--warm", *options, str(DEPLOYMENTS), "-f", "json")
    assert done.returncode == 1, done.stderr
    assert "warning: --warm: riskreg serve loaded other policies (stale digest" in done.stderr
    assert json.loads(done.stdout)["tool"]["engine"] == "local"


def test_edited_params_make_check_warm_start_its_own_opa(
    own_policies: tuple[Path, list[str]],
) -> None:
    project, options = own_policies
    with serving(project, *options):
        params = project / "policies" / "params.yaml"
        params.write_text(params.read_text() + "\n# edited after serve started\n")
        done = riskreg(project, "check", "--warm", *options, str(DEPLOYMENTS), "-f", "json")
    # params.yaml lives in the policies folder: either digest may name it, never the server.
    assert "warning: --warm: riskreg serve loaded" in done.stderr
    assert json.loads(done.stdout)["tool"]["engine"] == "local"


def test_check_warm_without_serve_starts_its_own_opa(project: Path) -> None:
    done = riskreg(project, "check", "--warm", str(DEPLOYMENTS), "-f", "json")
    assert done.returncode == 1, done.stderr
    assert "warning: --warm: no " in done.stderr and "serve.json" in done.stderr
    assert json.loads(done.stdout)["tool"]["engine"] == "local"


def test_idle_timeout_stops_serve_and_removes_the_state_file(project: Path) -> None:
    with serving(project, idle="3") as (process, state):
        process.wait(timeout=30)
        assert process.returncode == 0
        assert not _state_file(project).exists()
        assert _gone(state["opa_pid"])


def test_second_serve_refuses(project: Path) -> None:
    with serving(project) as (_, state):
        second = riskreg(project, "serve", "--idle-timeout", "3")
        assert second.returncode == 2
        assert f"already runs for this project (pid {state['pid']}" in second.stderr
        assert len(second.stderr.strip().splitlines()) == 1


def test_serve_replaces_the_state_file_of_a_killed_serve(project: Path) -> None:
    with serving(project) as (first, _):
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        assert _state_file(project).exists()  # SIGKILL leaves it behind
        done = riskreg(project, "check", "--warm", str(DEPLOYMENTS), "-f", "json")
        assert "warning: --warm: riskreg serve (pid" in done.stderr
        assert "is not running" in done.stderr
        with serving(project, idle="3") as (second, state):
            assert state["pid"] == second.pid


def test_warm_with_opa_url_is_a_usage_error(project: Path) -> None:
    done = riskreg(project, "check", "--warm", "--opa-url", "http://127.0.0.1:1", str(DEPLOYMENTS))
    assert done.returncode == 2
    assert "--warm and --opa-url" in done.stderr


def test_sigterm_stops_opa_and_removes_the_state_file(project: Path) -> None:
    with serving(project) as (process, state):
        assert not _gone(state["opa_pid"])
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        assert process.returncode == 0
        assert not _state_file(project).exists()
        deadline = time.monotonic() + 10
        while not _gone(state["opa_pid"]) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _gone(state["opa_pid"])


def test_killed_opa_is_never_trusted_and_serve_exits_4(project: Path) -> None:
    with serving(project) as (process, state):
        os.kill(state["opa_pid"], signal.SIGKILL)
        done = riskreg(project, "check", "--warm", str(DEPLOYMENTS), "-f", "json")
        assert "warning: --warm:" in done.stderr
        assert json.loads(done.stdout)["tool"]["engine"] == "local"
        process.wait(timeout=30)
        assert process.returncode == 4
        assert not _state_file(project).exists()


def test_server_dying_mid_run_is_an_evaluation_error(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from riskreg.config import Flags, resolve_settings
    from riskreg.errors import EvaluationError
    from riskreg.run.evaluation import evaluate_targets, find_targets

    monkeypatch.chdir(project)
    settings = resolve_settings(Flags(warm=True))
    with serving(project) as (_, state):

        def targets() -> Iterator[Any]:
            os.kill(state["opa_pid"], signal.SIGKILL)  # after the run chose the warm server
            yield from find_targets(settings, [str(DEPLOYMENTS)])

        with pytest.raises(EvaluationError):
            evaluate_targets(settings, targets())
