"""Fixtures for tests that run the real opa: the pinned binary and small policy folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from riskreg.policy.engines.binary import OpaBinary, locate_opa

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURES = HERE / "fixtures"


@pytest.fixture(scope="session")
def opa() -> OpaBinary:
    """The real opa that `make install` put in .tools/bin; a missing binary fails, never skips."""
    explicit = os.environ.get("RISKREG_OPA")
    return locate_opa(Path(explicit) if explicit else REPO / ".tools" / "bin" / "opa")


@pytest.fixture
def demo_policies(tmp_path: Path) -> Path:
    """The minimal fixture control plus the real gate entrypoint."""
    folder = tmp_path / "policies"
    shutil.copytree(FIXTURES / "policies", folder)
    shutil.copytree(REPO / "policies" / "gate", folder / "gate")
    return folder


@pytest.fixture
def empty_register(tmp_path: Path) -> Path:
    """A register holding just the mitigation ids the fixture controls name (mit1.m1, mit1158.*)."""
    folder = tmp_path / "risks"
    shutil.copytree(FIXTURES / "risks", folder)
    return folder


def child_pids(parent: int) -> list[int]:
    """Processes whose parent is `parent`, read from /proc (no psutil needed)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(parent):
            found.append(int(status.parent.name))
    return found


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def run_riskreg(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """`python -m riskreg ARGS` in a child process, output captured as text, never raising."""
    return subprocess.run(
        [sys.executable, "-m", "riskreg", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=cwd,
        input=stdin,
        env={**os.environ, **(env or {})},
    )
