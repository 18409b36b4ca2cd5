"""`make bench-small`: the pull-request-sized case, 1, 3 and 30 targets, in paired runs.

Each round runs every command once, in an order rotated from round to round, so load on the
machine falls on all of them alike; the table gives the median wall time of the rounds, the
spread (min-max), and the median CPU time of the process tree. Commands:

- riskreg check, cold: a new process that starts its own opa (the catalogue cache filled);
- riskreg check, cold, no catalogue cache: a fresh, empty cache folder each run;
- riskreg check --opa-url, warm: opa already running with the policies and data loaded
  (the server's start is not timed);
- riskreg check --warm: the opt-in warm mode as users run it, through `riskreg serve` started
  once before the rounds (checked to answer warm, not to fall back to a cold start);
- conftest test --combine --all-namespaces -p policies --data policies/params.yaml;
- opa eval of the gate entrypoint on the exact batch input riskreg sends (built untimed).

1 target is examples/deployments/coding-agent, 3 is examples/deployments (the goal case), 30 is
ten copies of examples/deployments. Usage: python benchmarks/small.py [ROUNDS] (default 11).
Writes benchmarks/results/small.json and small.md.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.run import BIN, OPA_IGNORE, REPO, RESULTS, _inputs

NOW = "2026-11-01T00:00:00+00:00"
RISKREG = str(REPO / ".venv" / "bin" / "riskreg")
EXAMPLES = REPO / "examples" / "deployments"


def _targets(work: Path) -> dict[int, Path]:
    thirty = work / "x30"
    for index in range(10):
        shutil.copytree(EXAMPLES, thirty / f"copy-{index:02d}")
    return {1: EXAMPLES / "coding-agent", 3: EXAMPLES, 30: thirty}


def _commands(n: int, path: Path, work: Path, url: str) -> dict[str, list[str]]:
    batch = work / f"batch-{n}.json"
    listed = sorted(p for p in path.iterdir() if p.is_dir()) if n > 1 else [path]
    if n == 30:
        listed = sorted(p for copy in listed for p in copy.iterdir() if p.is_dir())
    batch.write_text(json.dumps({"targets": _inputs(listed, NOW)}))
    fresh = work / "fresh-cache"
    return {
        "riskreg check (cold)": [RISKREG, "check", str(path), "--now", NOW],
        "riskreg check (cold, no catalogue cache)": [
            RISKREG, "check", str(path), "--now", NOW,
            "--history", str(fresh / "history.sqlite"),
        ],
        "riskreg check --opa-url (warm opa)": [
            RISKREG, "check", str(path), "--now", NOW, "--opa-url", url,
        ],
        "riskreg check --warm (riskreg serve)": [RISKREG, "check", str(path), "--now", NOW, "--warm"],
        "conftest test --combine": [
            str(BIN / "conftest"), "test", "--combine", "--all-namespaces", "--no-color",
            "-p", "policies", "--data", "policies/params.yaml", str(path),
        ],
        "opa eval (gate, one batch)": [
            str(BIN / "opa"), "eval", *OPA_IGNORE, "-d", "policies", "-i", str(batch),
            "--format", "raw", "count(data.riskreg_gate.batch)",
        ],
    }  # fmt: skip


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(command: list[str], env: dict[str, str], fresh: Path) -> tuple[float, float, int]:
    shutil.rmtree(fresh, ignore_errors=True)
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, check=False)
    return time.perf_counter() - started, _children_cpu() - cpu, done.returncode


def _paired(commands: dict[str, list[str]], rounds: int, env: dict[str, str], fresh: Path) -> list[dict[str, Any]]:  # fmt: skip
    names = list(commands)
    walls: dict[str, list[float]] = {name: [] for name in names}
    cpus: dict[str, list[float]] = {name: [] for name in names}
    codes: dict[str, set[int]] = {name: set() for name in names}
    for name in names:  # one untimed run each: the catalogue cache and the page cache filled
        _time(commands[name], env, fresh)
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu, code = _time(commands[name], env, fresh)
            walls[name].append(wall)
            cpus[name].append(cpu)
            codes[name].add(code)
    return [
        {
            "tool": name,
            "median_seconds": round(statistics.median(walls[name]), 3),
            "min_seconds": round(min(walls[name]), 3),
            "max_seconds": round(max(walls[name]), 3),
            "median_cpu_seconds": round(statistics.median(cpus[name]), 3),
            "exit_codes": sorted(codes[name]),
        }
        for name in names
    ]


def _warm_server(token: str) -> Any:
    from riskreg.policy.engines.binary import locate_opa
    from riskreg.policy.engines.opa_server import OpaServerEngine
    from riskreg.policy.params import PARAMS_ROOT, load_params
    from riskreg.register.store import load_register
    from riskreg.run.engine import register_data

    data = {
        **register_data(load_register(REPO / "risks")),
        PARAMS_ROOT: load_params(REPO / "policies"),
    }
    return OpaServerEngine(locate_opa(BIN / "opa"), REPO / "policies", data, token=token)


def _serve(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """`riskreg serve` for this checkout, once its state file is written and a check answers warm."""
    state = REPO / ".riskreg" / "serve.json"
    server = subprocess.Popen(
        [RISKREG, "serve", "--idle-timeout", "900"], cwd=REPO, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not state.exists():
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            stderr = server.stderr.read().decode(errors="replace") if server.stderr else ""
            sys.exit(f"riskreg serve did not start: {stderr[-2000:]}")
        time.sleep(0.1)
    probe = subprocess.run(
        [RISKREG, "check", str(EXAMPLES), "--now", NOW, "--warm", "-f", "json"],
        cwd=REPO, env=env, capture_output=True, check=False,
    )  # fmt: skip
    engine = json.loads(probe.stdout)["tool"].get("engine")
    if engine != "warm":
        server.terminate()
        sys.exit(f"check --warm ran {engine!r}, not warm: {probe.stderr.decode()[-500:]}")
    return server


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"# riskreg on the small case, {result['date']}",
        "",
        f"Machine: {result['machine']}; load average {result['load_before']} before, "
        f"{result['load_after']} after (other work shared the cores: compare rows within a "
        f"size, which ran paired, more than across days). {result['rounds']} paired rounds "
        "per size, order rotated; written by `make bench-small` (benchmarks/small.py).",
        "",
    ]
    for size in result["sizes"]:
        lines += [
            f"## {size['targets']} target{'s' if size['targets'] > 1 else ''} ({size['path']})",
            "",
            "| tool | median s | min-max s | median CPU s | vs conftest | exit |",
            "|---|---:|---:|---:|---:|---|",
        ]
        base = next(r for r in size["rows"] if r["tool"].startswith("conftest"))
        for row in size["rows"]:
            ratio = row["median_seconds"] / base["median_seconds"]
            lines.append(
                f"| {row['tool']} | {row['median_seconds']:.3f} | {row['min_seconds']:.3f}-"
                f"{row['max_seconds']:.3f} | {row['median_cpu_seconds']:.3f} | x{ratio:.2f} | "
                f"{', '.join(map(str, row['exit_codes']))} |"
            )
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    token = secrets.token_urlsafe(16)
    env = {**os.environ, "RISKREG_OPA": str(BIN / "opa"), "RISKREG_OPA_TOKEN": token}
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="riskreg-small-") as temp:
        work = Path(temp)
        server = _warm_server(token)
        served = _serve(env)
        try:
            sizes = []
            for n, path in _targets(work).items():
                print(f"benchmarking {n} targets", file=sys.stderr)
                commands = _commands(n, path, work, server.url)
                rows = _paired(commands, rounds, env, work / "fresh-cache")
                shown = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else "10 copies of examples/deployments"  # fmt: skip
                sizes.append({"targets": n, "path": shown, "rows": rows})
        finally:
            server.close()
            served.terminate()
            served.wait(30)
    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "cores": os.cpu_count(),
        "rounds": rounds,
        "load_before": load_before,
        "load_after": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "sizes": sizes,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "small.json").write_text(json.dumps(result, indent=2) + "\n")
    text = markdown(result)
    (RESULTS / "small.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
