"""A secret planted in the inputs appears in no output: any report format, --print-input (what
OPA receives, and so what its decision logs hold), the run history, the evidence bundle."""

from __future__ import annotations

import os
import random
import string
import subprocess
import sys
from pathlib import Path

import pytest

from riskreg.workflow.archive import read_tar_gz
from tests.integration.conftest import REPO

pytestmark = pytest.mark.opa
_RANDOM = random.Random(2026)


def _token(length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(_RANDOM.choice(alphabet) for _ in range(length))


SECRETS = {
    "github": "ghp_" + _token(36),
    "anthropic": "sk-ant-api03-" + _token(48),
    "aws": "AKIA" + _token(16, string.ascii_uppercase + string.digits),
    "entropy": _token(40),
    "k8s-secret": "correct-horse-" + _token(12),
}
MCP = f"""{{
  "mcpServers": {{
    "github": {{
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8", "--aws-key={SECRETS["aws"]}"],
      "env": {{"GITHUB_PERSONAL_ACCESS_TOKEN": "{SECRETS["github"]}", "SEARCH_KEY": "{SECRETS["entropy"]}"}}
    }},
    "proxy": {{"type": "http", "url": "https://mcp.stripe.com", "headers": {{"x-api-key": "{SECRETS["anthropic"]}"}}}}
  }}
}}
"""
DEPLOYMENT = f"""apiVersion: apps/v1
kind: Deployment
metadata: {{name: agent, namespace: agents}}
spec:
  template:
    spec:
      containers:
      - name: agent
        image: ghcr.io/example/agent:1.0
        env:
        - {{name: GITHUB_TOKEN, value: "{SECRETS["github"]}"}}
---
apiVersion: v1
kind: Secret
metadata: {{name: agent, namespace: agents}}
stringData: {{password: "{SECRETS["k8s-secret"]}"}}
"""


def _riskreg(
    cwd: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "riskreg", *args],
        capture_output=True,
        cwd=cwd,
        timeout=300,
        check=False,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode in (0, 1), done.stderr.decode()
    return done


def _assert_clean(where: str, data: bytes) -> None:
    for name, secret in SECRETS.items():
        assert secret.encode() not in data, f"the {name} secret leaked into {where}"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("redaction")
    (root / "repo").mkdir()
    (root / "repo" / ".mcp.json").write_text(MCP)
    (root / "repo" / "deploy").mkdir()
    (root / "repo" / "deploy" / "agent.yaml").write_text(DEPLOYMENT)
    return root


def _base() -> list[str]:
    return ["--policies", str(REPO / "policies"), "--risks", str(REPO / "risks")]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_check_outputs(workspace: Path, fmt: str) -> None:
    done = _riskreg(workspace, "check", *_base(), "repo", "-f", fmt)
    _assert_clean(f"check -f {fmt}", done.stdout + done.stderr)
    assert b"MCP-002" in done.stdout  # the control saw the markers and failed on them


def test_print_input_is_what_opa_receives(workspace: Path) -> None:
    done = _riskreg(workspace, "check", *_base(), "repo", "--print-input")
    _assert_clean("--print-input", done.stdout)
    for kind in ("github-token", "anthropic-key", "aws-access-key-id", "high-entropy-string"):
        assert f"<redacted:{kind}:".encode() in done.stdout
    assert b"<redacted:kubernetes-secret:" in done.stdout


def test_reports(workspace: Path) -> None:
    out = workspace / "reports"
    formats = ["html", "md", "json", "csv", "sarif", "junit", "oscal", "oscal-poam"]
    _riskreg(
        workspace,
        "report",
        *_base(),
        "repo",
        *[f"-f{fmt}" for fmt in formats],
        "--output-dir",
        str(out),
    )
    written = sorted(out.iterdir())
    assert len(written) == len(formats)
    for path in written:
        _assert_clean(path.name, path.read_bytes())


def test_history(workspace: Path) -> None:
    store = workspace / "history.sqlite"
    _riskreg(workspace, "check", *_base(), "repo", "--record", "--history", str(store))
    for path in workspace.glob("history.sqlite*"):
        _assert_clean(path.name, path.read_bytes())


def test_evidence_bundle_archives_redacted_inputs(workspace: Path) -> None:
    keys = workspace / "keys"
    keys.mkdir()
    _riskreg(
        workspace,
        "evidence",
        "keygen",
        "--private",
        str(keys / "k.pem"),
        "--public",
        str(keys / "k.pub"),
    )
    bundle = workspace / "evidence.tar.gz"
    env = {"RISKREG_EVIDENCE_KEY": (keys / "k.pem").read_text()}
    _riskreg(workspace, "evidence", "pack", *_base(), "--output", str(bundle), "repo", env=env)
    files = read_tar_gz(bundle.read_bytes(), "bundle")
    assert "inputs/repo/.mcp.json" in files and "inputs/repo/deploy/agent.yaml" in files
    for name, data in files.items():
        _assert_clean(name, data)
    assert b"<redacted:github-token:" in files["inputs/repo/.mcp.json"]
