"""Timing a command and the peak resident memory of its whole process tree (sampled from /proc)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """Wall time in seconds, peak RSS of the process tree in MiB, the exit code, and CPU seconds
    (user + system of the command and every child it waited for, such as riskreg's opa)."""

    seconds: float
    peak_rss_mib: float
    returncode: int
    cpu_seconds: float = 0.0


def _tree_rss_kib(root: int) -> int:
    """Sum of VmRSS over `root` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        pid = int(status.parent.name)
        for line in text.splitlines():
            if line.startswith("PPid:"):
                parents[pid] = int(line.split()[1])
            elif line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(pid, 0) for pid in tree)


def run(
    command: list[str],
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    cap: float | None = None,
) -> Measurement:
    """Run `command` with output discarded; sample the tree's memory every 100 ms. With `cap`
    (seconds), a command still running then is killed (with its process group): its time is a
    lower bound, and its exit code the signal's (-9)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=cap is not None,
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kib(process.pid))
            if cap is not None and time.perf_counter() - started > cap:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                return
            stop.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    cpu = usage.ru_utime + usage.ru_stime
    return Measurement(seconds, peak / 1024, process.returncode, cpu)
