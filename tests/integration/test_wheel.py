"""The wheel, installed in a fresh virtual environment, checks a repository outside the clone with its built-ins (issue 14's "Done when"), and verifies the built-in pack its build signed (issue 15)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from riskreg.workflow.signing import key_id, load_public_key
from tests.conftest import REPO
from tests.integration.test_builtins import _control

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


# The built-in pack, signed by the wheel build (.ci/hatch_sign_pack.py) ------------------------

PEM_PRIVATE = re.compile(rb"-----BEGIN [A-Z ]*PRIVATE KEY-----\s+[A-Za-z0-9+/=\s]{64,}-----END")


def _site_builtin(venv: Path) -> Path:
    (folder,) = venv.glob("lib/python3*/site-packages/riskreg/_builtin")
    return folder


def test_the_wheel_carries_the_pack_signature_and_the_public_key_only(
    installed: tuple[Path, Path],
) -> None:
    wheel, venv = installed
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "riskreg/_builtin/policies/.signatures.json" in names
    assert [name for name in names if name.endswith(".pem")] == ["riskreg/_builtin/pack.pub.pem"]
    assert b"PUBLIC KEY" in archive.read("riskreg/_builtin/pack.pub.pem")
    for name in names:
        assert not PEM_PRIVATE.search(archive.read(name)), f"{name} holds a private key"
    signed = json.loads(archive.read("riskreg/_builtin/policies/.signatures.json"))
    assert len(signed["signatures"]) == 1  # one JWT, as OPA writes it
    assert (_site_builtin(venv) / "pack.pub.pem").read_bytes() == archive.read(
        "riskreg/_builtin/pack.pub.pem"
    )


def _check(
    venv: Path, repository: Path, home: Path, *args: str
) -> subprocess.CompletedProcess[str]:
    argv = [str(venv / "bin" / "riskreg"), "check", "deployment.yaml", "-f", "json", *args]
    return _run(argv, repository, _env(home))


def test_every_run_verifies_the_installed_pack_and_the_report_names_its_key(
    installed: tuple[Path, Path], repository: Path, tmp_path: Path
) -> None:
    _, venv = installed
    done = _check(venv, repository, tmp_path)
    assert done.returncode == 1, done.stderr
    pack = json.loads(done.stdout)["control_pack"]
    public = load_public_key(_site_builtin(venv) / "pack.pub.pem")
    assert pack["source"] == "builtin" and pack["signature"] == "verified"
    assert pack["key_id"] == key_id(public) and pack["algorithm"] == "ES256"
    assert pack["path"] == str(_site_builtin(venv) / "policies") and pack["additions"] == []
    assert f"signature verified (key {pack['key_id']}, ES256)" in done.stderr


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("changed", "gate/gate.rego: changed since signing (digest differs)"),
        ("added", "lib/result/extra.rego: added after signing (not in the signature)"),
        ("removed", "params.yaml: removed since signing"),
    ],
)
def test_a_tampered_installed_pack_is_refused_naming_the_file(
    installed: tuple[Path, Path], repository: Path, tmp_path: Path, change: str, named: str
) -> None:
    _, venv = installed
    policies = _site_builtin(venv) / "policies"
    target = policies / named.split(":")[0]
    original = target.read_bytes() if target.exists() else None
    try:
        if change == "changed":
            target.write_bytes(original + b"\n# edited after the build\n")  # type: ignore[operator]
        elif change == "added":
            target.write_text("package riskreg.lib.extra\n\nhelper := true\n")
        else:
            target.unlink()
        done = _check(venv, repository, tmp_path)
        assert done.returncode == 3, done.stderr
        assert f"built-in pack {policies}: {named}" in done.stderr
        allowed = _check(venv, repository, tmp_path, "--allow-unsigned")
        assert allowed.returncode == 1, allowed.stderr
        pack = json.loads(allowed.stdout)["control_pack"]
        assert pack["signature"] == "failed" and pack["allow_unsigned"] and pack["problem"] == named
    finally:
        if original is None:
            target.unlink()
        else:
            target.write_bytes(original)
    assert _check(venv, repository, tmp_path).returncode == 1  # restored: verified again


def test_a_team_folder_beside_the_verified_pack_is_an_addition_refused_by_require_signed(
    installed: tuple[Path, Path], repository: Path, tmp_path: Path
) -> None:
    _, venv = installed
    _control(repository)  # policies/acme/owner/owner.rego and risks/acme.yaml: the team's own
    done = _check(venv, repository, tmp_path)
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    assert any(f["control_id"] == "ACME-001" for f in report["findings"])
    pack = report["control_pack"]
    assert pack["signature"] == "verified"
    policies = [a for a in pack["additions"] if a["kind"] == "policies"]
    assert [a["path"] for a in policies] == ["policies"]
    assert re.fullmatch(r"[0-9a-f]{64}", policies[0]["sha256"])
    refused = _check(venv, repository, tmp_path, "--require-signed")
    assert refused.returncode == 3, refused.stderr
    assert (
        "policies: policies outside the signed control pack, and require_signed" in refused.stderr
    )
