"""The wheel, installed in a fresh virtual environment, checks a repository outside the clone with its built-ins (issue 14's "Done when")."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

pytestmark = [pytest.mark.slow, pytest.mark.opa]

UV = REPO / ".tools" / "uv" / "bin" / "uv"
TOOLS = REPO / ".tools" / "bin"
CHART = REPO / "tests" / "integration" / "fixtures" / "render" / "chart-values"
MCP_CONFIG = {  # an unpinned npx server with the whole disk: MCP controls fire once they are merged
    "mcpServers": {
        "files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "/"]}
    }
}


def _run(
    argv: list[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False
    )


def _uv(*args: str, env: dict[str, str] | None = None) -> None:
    # Offline: the build backend (pinned hatchling) and every locked dependency come from uv's cache.
    done = _run([str(UV), *args, "--offline", "--quiet"], REPO, {**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """The wheel built from this checkout, and a new venv (the machine's python3) holding it and
    the locked dependencies, nothing else."""
    root = tmp_path_factory.mktemp("wheel")
    _uv("build", "--wheel", "-o", str(root / "dist"))
    (wheel,) = (root / "dist").glob("riskreg-*.whl")
    python3 = Path(sys.base_prefix) / "bin" / "python3"
    venv = root / "venv"
    assert _run([str(python3), "-m", "venv", "--without-pip", str(venv)], root).returncode == 0
    _uv(
        "sync",
        "--frozen",
        "--no-dev",
        "--no-install-project",
        env={"UV_PROJECT_ENVIRONMENT": str(venv)},
    )
    _uv("pip", "install", "--no-deps", "--python", str(venv / "bin" / "python"), str(wheel))
    _uv(
        "pip", "check", "--python", str(venv / "bin" / "python")
    )  # the wheel's dependencies are met
    yield wheel, venv


def test_the_wheel_carries_the_built_in_pack(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = "riskreg/_builtin/"
    for name in (
        "policies/gate/gate.rego",
        "policies/params.yaml",
        "policies/lib/result/result.rego",
        "risks/domain-7.yaml",
        "risks/README.md",  # the CC BY 4.0 attribution travels with the data
        "templates/riskreg.toml",
        "templates/waivers.yaml",
        "templates/github-workflow.yml",
    ):
        assert shipped + name in names, name
    assert not any(name.startswith(f"{shipped}risks/systems/") for name in names)
    assert f"{shipped}risks/criteria.yaml" not in names


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """An empty folder outside the clone: a Deployment, a Helm chart and an MCP configuration."""
    folder = tmp_path / "repo"
    folder.mkdir()
    shutil.copy(REPO / "examples" / "deployments" / "coding-agent" / "deployment.yaml", folder)
    shutil.copytree(CHART, folder / "chart")
    (folder / ".mcp.json").write_text(json.dumps(MCP_CONFIG, indent=2))
    assert not folder.resolve().is_relative_to(REPO.resolve())
    return folder


def _env(home: Path) -> dict[str, str]:
    # No .tools/bin or checkout on PATH: opa and helm come only from the variables.
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LC_ALL": "C.UTF-8",
        "RISKREG_OPA": str(TOOLS / "opa"),
        "RISKREG_HELM": str(TOOLS / "helm"),
    }


def test_init_then_check_finds_the_built_in_controls_failing(
    installed: tuple[Path, Path], repository: Path, tmp_path: Path
) -> None:
    _, venv = installed
    riskreg, env = str(venv / "bin" / "riskreg"), _env(tmp_path)
    done = _run([riskreg, "init"], repository, env)
    assert done.returncode == 0, done.stderr
    assert (repository / "riskreg.toml").is_file() and (repository / "risks/waivers.yaml").is_file()
    done = _run([riskreg, "check", ".", "-f", "json"], repository, env)
    assert done.returncode == 1, done.stderr
    report: dict[str, Any] = json.loads(done.stdout)
    assert len(report["controls"]) >= 28
    failing = [f for f in report["findings"] if f["outcome"] == "fail"]
    by_target = {f["target"] for f in failing}
    assert {".", "chart"} <= by_target, by_target  # the Deployment and the rendered chart
    deployment = [f for f in failing if f.get("file") == "deployment.yaml"]
    assert deployment and all(isinstance(f.get("line"), int) for f in deployment)
    assert any(f.get("file", "").startswith("chart/templates/") for f in failing)
    mcp = [f for f in failing if f.get("file") == ".mcp.json"]
    assert mcp and all(f["control_id"].startswith("MCP-") and f.get("line") for f in mcp), mcp
    policies = [i["path"] for i in report["inputs"] if i["kind"] == "policy"]
    assert policies and all("/site-packages/riskreg/_builtin/policies/" in p for p in policies)


def test_without_built_ins_or_own_policies_it_is_a_usage_error(
    installed: tuple[Path, Path], repository: Path, tmp_path: Path
) -> None:
    _, venv = installed
    done = _run(
        [str(venv / "bin" / "riskreg"), "check", ".", "--no-builtins"], repository, _env(tmp_path)
    )
    assert done.returncode == 2, done.stderr
    assert "no controls to run: the built-ins are off" in done.stderr


def test_doctor_reports_the_installed_pack(
    installed: tuple[Path, Path], repository: Path, tmp_path: Path
) -> None:
    _, venv = installed
    done = _run([str(venv / "bin" / "riskreg"), "doctor", "-f", "json"], repository, _env(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    rows = {row["name"]: row for row in json.loads(done.stdout)["tools"]}
    assert rows["builtins"]["path"].endswith("site-packages/riskreg/_builtin")
    assert rows["opa"]["version"] == "1.22.2" and rows["helm"]["path"] == str(TOOLS / "helm")
    assert not rows["kustomize"]["ok"] and "go install" in rows["kustomize"]["install"]
