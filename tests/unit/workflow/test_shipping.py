"""The shipped GitHub Action and pre-commit hooks name real commands and options."""

from __future__ import annotations

import shlex
from typing import Any

import yaml

from riskreg.cli.app import run
from tests.conftest import REPO


def _load(name: str) -> Any:
    return yaml.safe_load((REPO / name).read_text(encoding="utf-8"))


def test_pre_commit_hooks_run_real_commands() -> None:
    hooks = {hook["id"]: hook for hook in _load(".pre-commit-hooks.yaml")}
    assert set(hooks) == {"riskreg-check", "riskreg-controls-lint"}
    assert hooks["riskreg-controls-lint"]["files"] == r"\.rego$"
    for hook in hooks.values():
        argv = shlex.split(hook["entry"])
        assert argv[0] == "riskreg"
        assert run([*argv[1:], "--help"]) == 0


def test_action_is_composite_and_uploads_sarif() -> None:
    action = _load("action.yml")
    steps = action["runs"]["steps"]
    assert action["runs"]["using"] == "composite"
    uses = [step.get("uses", "") for step in steps]
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)
    assert any(use.startswith("actions/setup-python@") for use in uses)
    scripts = "\n".join(step.get("run", "") for step in steps)
    assert "riskreg check --format sarif" in scripts and "GITHUB_STEP_SUMMARY" in scripts
    assert run(["check", "--format", "sarif", "--help"]) == 0
