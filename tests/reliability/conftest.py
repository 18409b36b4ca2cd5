"""Running riskreg as a user does, measuring wall time and peak memory of each run."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.integration.conftest import (  # the fixtures are re-exported for this folder
    FIXTURES,
    REPO,
    child_pids,
    demo_policies,
    empty_register,
    opa,
)

__all__ = ["FIXTURES", "REPO", "Run", "child_pids", "demo_policies", "empty_register", "opa"]

# Bad input is refused without walking the bomb or hanging. Speed itself is measured, not asserted
# (RISKREG_RELIABILITY_TABLE records every run's seconds; quiet machine: about 0.6 s each): this
# bound only catches a hang or an expansion, with room for a machine shared by other work.
BAD_INPUT_SECONDS = 30.0
PEAK_MB = 200.0
MEASUREMENTS = os.environ.get("RISKREG_RELIABILITY_TABLE")


@dataclass(frozen=True)
class Run:
    """One finished riskreg process: exit code, output, wall time and peak resident memory."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def one_error_line(self) -> str:
        """The single `error:` line on stderr; fails the test on a traceback or extra lines."""
        assert "Traceback" not in self.stderr, self.stderr
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, f"expected one stderr line, got: {self.stderr!r}"
        assert lines[0].startswith("error: "), lines[0]
        return lines[0]


def _record(run: Run, args: tuple[str, ...]) -> None:
    if not MEASUREMENTS:
        return
    test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
    row = {"test": test, "rc": run.returncode, "s": round(run.seconds, 2), "mb": run.peak_mb}
    with Path(MEASUREMENTS).open("a") as table:
        table.write(json.dumps(row) + "\n")


def riskreg(
    *args: str,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 60.0,
    on_start: object = None,
) -> Run:
    """Run `python -m riskreg ARGS` and measure it with wait4 (this child's own peak RSS).

    wait4 reports the peak of the process and of the children it waited for (its opa server),
    so a run that leaks memory into opa is measured too; below pytest's own peak (inherited at
    fork) the VmHWM sampled from /proc is used. The run is SIGKILLed after `timeout`.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "riskreg", *args],
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            cwd=cwd,
            env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        )
        if stdin is not None and process.stdin is not None:
            with process.stdin:
                process.stdin.write(stdin)
        if callable(on_start):
            on_start(process)
        killer = threading.Timer(timeout, _kill, args=(process.pid,))
        killer.start()
        floor = _hwm_kb("self")
        sampler = _Sampler(process.pid)
        sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            killer.cancel()
            sampler.stop.set()
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        run = Run(
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mb=round(_peak_kb(usage.ru_maxrss, floor, sampler.peak_kb) / 1024, 1),
        )
    _record(run, args)
    return run


def _hwm_kb(pid: int | str) -> int:
    """VmHWM (peak resident set) of a live process, in KiB; 0 when it is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class _Sampler(threading.Thread):
    """Polls VmHWM of riskreg and its children (opa) every 20 ms while the run lasts."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            for pid in (self.pid, *child_pids(self.pid)):
                self.peak_kb = max(self.peak_kb, _hwm_kb(pid))


def _peak_kb(maxrss: int, floor: int, sampled: int) -> int:
    """wait4's ru_maxrss, unless it is only the high-water mark inherited from pytest at fork.

    Linux folds the parent's peak into the child's ru_maxrss when the child execs, so a value at
    or below pytest's own peak says nothing about riskreg; then the sampled VmHWM is the figure.
    """
    return maxrss if maxrss > floor + 1024 else sampled


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


@pytest.fixture
def policies(demo_policies: Path) -> Path:
    """The one-control demo policy folder (DEMO-001: no host network) plus the gate."""
    return demo_policies


@pytest.fixture
def base(policies: Path, empty_register: Path) -> list[str]:
    """`check` with the demo policies and an empty register: the start of every check run."""
    return ["check", "--policies", str(policies), "--risks", str(empty_register)]


@pytest.fixture
def work(tmp_path: Path) -> Iterator[Path]:
    """A folder for the inputs a test writes, apart from policies and register."""
    folder = tmp_path / "in"
    folder.mkdir()
    yield folder
