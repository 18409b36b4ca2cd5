"""The SQLite history: runs recorded whole, listed, diffed; SIGKILL mid-recording leaves it consistent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.models.finding import Outcome
from riskreg.workflow.history import (
    RunInputs,
    diff_runs,
    get_run,
    integrity_ok,
    latest_run,
    list_runs,
    record_run,
    trend_since,
)
from tests.conftest import REPO
from tests.unit.workflow.conftest import finding
from tests.unit.workflow.reports import report

INPUTS = RunInputs("check", {"deploy/pod.yaml": "0" * 64}, "f" * 64, "abc123")


def test_runs_are_recorded_listed_and_diffed(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    first = record_run(db, report([finding(), finding(path="spec.hostPID")], day=1), INPUTS)
    second = record_run(db, report([finding(), finding(path="spec.hostIPC")], day=2), INPUTS)
    runs = list_runs(db)
    assert [run.id for run in runs] == [first, second]
    assert runs[0].failing == 2 and runs[0].register_version == "abc123"
    appeared, fixed = diff_runs(db, first, second)
    assert [key[3] for key in appeared] == ["spec.hostIPC"]
    assert [key[3] for key in fixed] == ["spec.hostPID"]
    assert integrity_ok(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_trend_since_previous_run(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    assert latest_run(db) is None
    record_run(db, report([finding()], day=1), INPUTS)
    previous = latest_run(db)
    assert previous is not None
    trend = trend_since(previous, report([finding(outcome=Outcome.WAIVED)], day=2))
    assert trend.failing_delta == -1


def test_missing_store_and_run_are_invalid_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no run history"):
        list_runs(tmp_path / "none.sqlite")
    db = tmp_path / "h.sqlite"
    record_run(db, report([]), INPUTS)
    with pytest.raises(InvalidInputError, match="no run 9"):
        get_run(db, 9)


def test_a_failed_recording_leaves_no_partial_run(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    record_run(db, report([finding()]), INPUTS)
    bad = RunInputs("check", {"x": None}, "f" * 64, "v")  # type: ignore[dict-item]
    with pytest.raises(InvalidInputError, match="NOT NULL"):
        record_run(db, report([finding()]), bad)
    assert len(list_runs(db)) == 1
    assert integrity_ok(db)


_RECORDER = """
import sys
from pathlib import Path
from riskreg.workflow.history import RunInputs, record_run
from tests.unit.workflow.conftest import finding
from tests.unit.workflow.reports import report
findings = [finding(target=f"t{i}", path=f"p{i}") for i in range(2000)]
files = {f"deploy/{i}.yaml": "0" * 64 for i in range(500)}
big = report(findings)
print("ready", flush=True)
while True:
    record_run(Path(sys.argv[1]), big, RunInputs("check", files, "f" * 64, "v"))
"""


@pytest.mark.slow
def test_sigkill_during_recording_leaves_whole_runs_or_none(tmp_path: Path) -> None:
    db = tmp_path / "h.sqlite"
    for attempt in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", _RECORDER, str(db)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        time.sleep(0.8 + 0.37 * attempt)  # land at different points of a transaction
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        assert child.returncode == -signal.SIGKILL
    assert integrity_ok(db)
    runs = list_runs(db, limit=1000)
    assert runs, "the recorder never committed a run"
    assert all(run.failing == 2000 for run in runs)
