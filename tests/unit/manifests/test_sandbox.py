"""The sandbox helm and kustomize run in: nothing inherited, a hard timeout that stops the whole
process group, a failure reduced to the tool's first error line, a missing tool named with its fix."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from riskreg.errors import EvaluationError, ExitCode, InvalidInputError, ToolMissingError
from riskreg.manifests.sandbox import first_error_line, locate_tool, run_tool


def _script(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "tool.sh"
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_environment_is_clean_and_every_request_goes_to_a_closed_proxy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "leak-me")
    monkeypatch.setenv("KUBECONFIG", "/root/.kube/config")
    home = tmp_path / "home"
    home.mkdir()
    output = run_tool(["/usr/bin/env"], home, 10, "chart")
    env = dict(line.split("=", 1) for line in output.splitlines())
    assert "AWS_SECRET_ACCESS_KEY" not in env
    assert env["HOME"] == str(home)
    assert env["KUBECONFIG"].startswith(str(home))
    assert env["PATH"] == str(home / "bin") and not any((home / "bin").iterdir())
    assert env["HTTPS_PROXY"] == env["https_proxy"] == "http://127.0.0.1:9"
    assert env["HELM_NO_PLUGINS"] == "1"


def test_timeout_is_a_bound_and_stops_what_the_tool_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "child.pid"
    tool = _script(tmp_path, f"/bin/sleep 60 &\necho $! > {pid_file}\n/bin/sleep 60")
    with pytest.raises(
        EvaluationError,
        match=r"chart: tool\.sh did not finish rendering within its time bound "
        r"\(render_timeout = 0\.5 s\)",
    ):
        run_tool([str(tool)], tmp_path, 0.5, "chart")
    child = int(pid_file.read_text())
    for _ in range(50):
        if not Path(f"/proc/{child}").exists() or "Z" in _state(child):
            break
        time.sleep(0.1)
    assert not Path(f"/proc/{child}").exists() or "Z" in _state(child)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[1].split()[0]
    except (OSError, IndexError):
        return "Z"


def test_failure_is_the_tools_first_error_line(tmp_path: Path) -> None:
    tool = _script(
        tmp_path,
        "echo 'walk.go:75: a warning' >&2\necho 'Error: it broke' >&2\necho more >&2\nexit 1",
    )
    with pytest.raises(InvalidInputError) as caught:
        run_tool([str(tool)], tmp_path, 10, "charts/api", lambda line: (line, "vendor it"))
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    assert caught.value.one_line() == "charts/api: tool.sh failed: it broke (vendor it)"


@pytest.mark.parametrize(
    ("stderr", "line"),
    [
        ("Error: x\nError: y", "x"),
        ("\n  warning only\n", "warning only"),
        ("", "no error message"),
    ],
)
def test_first_error_line(stderr: str, line: str) -> None:
    assert first_error_line(stderr) == line


def test_missing_tool_exits_4_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ToolMissingError) as caught:
        locate_tool("helm", tmp_path / "nope")
    assert caught.value.exit_code is ExitCode.EVALUATION_FAILED
    assert "make install" in caught.value.one_line() and "v3.22.0" in caught.value.one_line()
    monkeypatch.setenv("RISKREG_KUSTOMIZE", str(tmp_path / "missing"))
    with pytest.raises(ToolMissingError, match="kustomize not found at"):
        locate_tool("kustomize", None)


def test_environment_variable_names_the_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _script(tmp_path, "exit 0")
    monkeypatch.setenv("RISKREG_HELM", str(tool))
    assert locate_tool("helm", None) == tool
    assert os.access(tool, os.X_OK)
