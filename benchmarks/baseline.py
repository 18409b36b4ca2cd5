"""riskreg check at another commit, side by side with this checkout, on the same targets, in one run.

An issue's speed budget ("no more than 10 % slower than the parent commit, measured in the same
run") needs both versions timed on the same machine at the same moment: on a shared machine the
load moves more than the difference. So this script checks the baseline commit out into a
temporary git worktree (its own virtual environment from its own uv.lock, bytecode compiled as
`make install` does, and this checkout's pinned tools), generates N targets once, and runs
`riskreg check` of both versions on them in alternating order, several rounds, recording wall
time, CPU time (riskreg and its opa) and peak RSS. Each version uses its own controls: the
comparison is of the whole job as users run it, release to release.

Usage: python benchmarks/baseline.py REV [N=1000] [ROUNDS=5]
Writes benchmarks/results/baseline.md and baseline.json (`make bench` runs it with BASELINE).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate
from benchmarks.measure import Measurement, run

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "benchmarks" / "results"
NOW = "2026-11-01T00:00:00+00:00"
BUDGET = 1.10


def prepare(rev: str, where: Path) -> tuple[str, Path]:
    """A worktree of `rev` at `where`, with its own venv and this checkout's .tools; (sha, python)."""
    sha = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=REPO, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    subprocess.run(
        ["git", "worktree", "add", "--detach", "--force", str(where), sha],
        cwd=REPO, check=True, capture_output=True,
    )  # fmt: skip
    (where / ".tools").symlink_to(REPO / ".tools")
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(where / ".venv")}
    env.pop("VIRTUAL_ENV", None)
    uv = REPO / ".tools" / "uv" / "bin" / "uv"
    subprocess.run(
        [str(uv), "sync", "--frozen", "--quiet", "--compile-bytecode"],
        cwd=where,
        env=env,
        check=True,
    )
    python = where / ".venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "compileall", "-q", "riskreg"], cwd=where, check=True,
                   capture_output=True)  # fmt: skip
    return sha, python


def _summary(runs: list[Measurement]) -> dict[str, Any]:
    seconds = [m.seconds for m in runs]
    return {
        "median_seconds": round(statistics.median(seconds), 3),
        "min_seconds": round(min(seconds), 3),
        "max_seconds": round(max(seconds), 3),
        "median_cpu_seconds": round(statistics.median(m.cpu_seconds for m in runs), 3),
        "peak_rss_mib": round(max(m.peak_rss_mib for m in runs), 1),
        "exit_codes": sorted({m.returncode for m in runs}),
        "seconds": [round(value, 3) for value in seconds],
    }


def compare(rev: str, n: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="riskreg-baseline-") as temp:
        work = Path(temp)
        tree = work / "baseline"
        try:
            sha, baseline_python = prepare(rev, tree)
            data = work / "targets"
            generate(data, n)
            commands = {
                "this checkout": ([sys.executable, "-m", "riskreg", "check", str(data), "--now", NOW], REPO),
                "baseline": ([str(baseline_python), "-m", "riskreg", "check", str(data), "--now", NOW], tree),
            }  # fmt: skip
            runs: dict[str, list[Measurement]] = {name: [] for name in commands}
            for index in range(rounds):
                order = list(commands) if index % 2 == 0 else list(reversed(commands))
                for name in order:
                    command, cwd = commands[name]
                    runs[name].append(run(command, cwd=cwd))
                print(f"round {index + 1}/{rounds} done", file=sys.stderr)
        finally:
            subprocess.run(
                ["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, capture_output=True
            )
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    ours, theirs = _summary(runs["this checkout"]), _summary(runs["baseline"])
    ratio = ours["median_seconds"] / theirs["median_seconds"]
    return {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_after": [round(value, 2) for value in os.getloadavg()],
        "targets": n,
        "rounds": rounds,
        "head": head,
        "baseline": {"rev": rev, "sha": sha, **theirs},
        "current": ours,
        "ratio_wall": round(ratio, 3),
        "ratio_cpu": round(ours["median_cpu_seconds"] / theirs["median_cpu_seconds"], 3),
        "within_budget": ratio <= BUDGET,
    }


def markdown(result: dict[str, Any]) -> str:
    base, ours = result["baseline"], result["current"]
    verdict = "within" if result["within_budget"] else "**not within**"
    rows = [
        (f"baseline {base['rev']} ({base['sha'][:7]})", base),
        (f"this checkout ({result['head'][:7]})", ours),
    ]
    lines = [
        f"# riskreg check, this checkout against {base['rev']}, {result['date']}",
        "",
        f"`python benchmarks/baseline.py {base['rev']} {result['targets']} {result['rounds']}`: "
        f"{result['targets']:,} generated targets, {result['rounds']} rounds in alternating order, "
        f"each version with its own controls. Machine: {result['machine']}; load average after "
        f"the run {', '.join(str(v) for v in result['load_average_after'])}.",
        "",
        "| version | median s | min-max s | median CPU s | peak RSS MiB | exit |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, row in rows:
        lines.append(
            f"| {name} | {row['median_seconds']:.2f} | {row['min_seconds']:.2f} to {row['max_seconds']:.2f} "
            f"| {row['median_cpu_seconds']:.2f} | {row['peak_rss_mib']:.0f} | "
            f"{', '.join(str(code) for code in row['exit_codes'])} |"
        )
    lines += [
        "",
        f"Wall time x{result['ratio_wall']:.2f} the baseline ({verdict} the +10 % budget); "
        f"CPU time x{result['ratio_cpu']:.2f}.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    rev = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    result = compare(rev, n, rounds)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "baseline.json").write_text(json.dumps(result, indent=2) + "\n")
    text = markdown(result)
    (RESULTS / "baseline.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
