"""The Rego cost of the gate alone: opa's CPU time for one batch of N generated targets.

Isolates the policies from riskreg's Python (parsing, findings, reports): the same inputs riskreg
sends, evaluated by `opa eval` on `count(data.riskreg_gate.batch)`, median of 3 runs, CPU time
(user + system, from wait4) being the steadier number on a shared machine. Compare two commits by
running it in a worktree of each, back to back (benchmarks/results/rego-cost.md does so).

Usage: python benchmarks/rego_cost.py [N=1000]
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.generate import generate  # noqa: E402
from riskreg.manifests.discover import discover  # noqa: E402
from riskreg.policy.evaluate import build_input  # noqa: E402
from riskreg.yamlsafe.limits import Limits  # noqa: E402

NOW_NS = int(dt.datetime(2026, 11, 1, tzinfo=dt.UTC).timestamp()) * 1_000_000_000


def measure(count: int, runs: int = 3) -> tuple[list[float], list[float]]:
    """(CPU seconds, wall seconds) of each `opa eval` run over one batch of `count` targets."""
    work = Path(tempfile.mkdtemp(prefix="rego-cost-"))
    generate(work / "t", count)
    targets = sorted(str(path) for path in (work / "t").iterdir() if path.is_dir())
    inputs = [build_input(target, NOW_NS) for target in discover(targets, Limits())]
    batch = work / "batch.json"
    batch.write_text(json.dumps({"targets": inputs}), encoding="utf-8")
    command = [
        str(REPO / ".tools" / "bin" / "opa"), "eval", "--ignore", "*_test.rego", "--ignore",
        "samples", "--ignore", "*.md", "-d", "policies", "-i", str(batch), "--format", "raw",
        "count(data.riskreg_gate.batch)",
    ]  # fmt: skip
    cpus: list[float] = []
    walls: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO
        )
        _, status, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        if os.waitstatus_to_exitcode(status) != 0 and process.stderr is not None:
            sys.exit(process.stderr.read().decode(errors="replace")[:2000])
    return cpus, walls


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    cpus, walls = measure(count)
    print(
        f"{count} targets: opa eval batch: CPU median {statistics.median(cpus):.2f} s, wall median "
        f"{statistics.median(walls):.2f} s (CPU runs {', '.join(f'{c:.2f}' for c in cpus)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
