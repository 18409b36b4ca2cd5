"""`make bench`: riskreg check against conftest, opa eval and the YAML parse floor, in one run.

Writes benchmarks/results/<date>.json and .md (and latest.md). Sizes default to 1,000 and
10,000 targets (100,000 with BENCH_LARGE=1); BENCH_SMOKE=1 runs a tiny size so CI keeps it alive.
Per-target peers (conftest per target, opa eval per target) run on a sample of targets and are
extrapolated linearly to N; the table says so.
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
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate
from benchmarks.measure import Measurement, run

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".tools" / "bin"
PY = sys.executable
RESULTS = REPO / "benchmarks" / "results"
OPA_IGNORE = ["--ignore", "*_test.rego", "--ignore", "samples", "--ignore", "*.md"]


def riskreg(*args: str) -> list[str]:
    return [PY, "-m", "riskreg", *args]


def _row(name: str, n: int, m: Measurement, note: str = "") -> dict[str, Any]:
    return {
        "tool": name,
        "targets": n,
        "seconds": round(m.seconds, 3),
        "targets_per_second": round(n / m.seconds, 1) if m.seconds else None,
        "peak_rss_mib": round(m.peak_rss_mib, 1),
        "exit_code": m.returncode,
        "note": note,
    }


# A peer's single call that runs longer than this is stopped: its row is then a lower bound
# (conftest's one call over 10,000 targets ran 26 minutes at 4 GiB, still growing, before it was
# stopped by hand). BENCH_PEER_CAP=0 waits for it however long it takes.
PEER_CAP = float(os.environ.get("BENCH_PEER_CAP", "900")) or None


def _capped_row(name: str, n: int, m: Measurement) -> dict[str, Any]:
    capped = PEER_CAP is not None and m.seconds >= PEER_CAP
    note = f"stopped at the {PEER_CAP:g} s cap (BENCH_PEER_CAP): a lower bound" if capped else ""
    return _row(name, n, m, note)


def _extrapolated(name: str, n: int, sample: list[Path], make: Any) -> dict[str, Any]:
    """Run a per-target command on a sample of targets and scale the time to n targets."""
    times, peaks, codes = [], [], set()
    for target in sample:
        m = run(make(target), cwd=REPO)
        times.append(m.seconds)
        peaks.append(m.peak_rss_mib)
        codes.add(m.returncode)
    per = statistics.mean(times)
    total = Measurement(per * n, max(peaks), max(codes))
    return _row(
        name, n, total, f"extrapolated from {len(sample)} targets ({per * 1000:.0f} ms each)"
    )


def _inputs(targets: list[Path], now: str) -> list[dict[str, Any]]:
    """The exact per-target inputs riskreg sends, built with riskreg's own loader (untimed)."""
    from riskreg.manifests.discover import discover
    from riskreg.policy.evaluate import build_input
    from riskreg.yamlsafe.limits import Limits

    now_ns = int(dt.datetime.fromisoformat(now).timestamp()) * 1_000_000_000
    return [build_input(t, now_ns) for t in discover([str(p) for p in targets], Limits())]


def bench_size(n: int, work: Path, sample_size: int) -> list[dict[str, Any]]:
    data = work / f"targets-{n}"
    generate(data, n)
    targets = sorted(p for p in data.iterdir() if p.is_dir())
    files = sorted(str(p) for p in data.glob("*/*.yaml"))
    now = "2026-11-01T00:00:00+00:00"
    rows = [
        _row(
            "riskreg check (default: --jobs = cores)",
            n,
            run(riskreg("check", str(data), "--now", now), cwd=REPO),
        ),
        _row(
            "riskreg check --jobs 1",
            n,
            run(riskreg("check", str(data), "--jobs", "1", "--now", now), cwd=REPO),
        ),
        _capped_row(
            "conftest test --all-namespaces (one call, all files)",
            n,
            run(
                [
                    str(BIN / "conftest"),
                    "test",
                    "--all-namespaces",
                    "--no-color",
                    "-p",
                    "policies",
                    "--data",
                    "policies/params.yaml",
                    str(data),
                ],
                cwd=REPO,
                cap=PEER_CAP,
            ),
        ),
    ]
    rows += _fleet_rows(n, data, now)
    sample = targets[:: max(1, len(targets) // sample_size)][:sample_size]
    rows.append(
        _extrapolated(
            "conftest test --combine per target",
            n,
            sample,
            lambda t: [
                str(BIN / "conftest"),
                "test",
                "--combine",
                "--all-namespaces",
                "--no-color",
                "-p",
                "policies",
                "--data",
                "policies/params.yaml",
                str(t),
            ],
        )
    )
    inputs = _inputs(targets, now)
    per_dir = work / f"inputs-{n}"
    per_dir.mkdir(exist_ok=True)
    for target, document in zip(targets, inputs, strict=True):
        if target in sample:
            (per_dir / f"{target.name}.json").write_text(json.dumps({"targets": [document]}))
    rows.append(
        _extrapolated(
            "opa eval per target",
            n,
            sample,
            lambda t: [
                str(BIN / "opa"),
                "eval",
                *OPA_IGNORE,
                "-d",
                "policies",
                "-i",
                str(per_dir / f"{t.name}.json"),
                "--format",
                "raw",
                "count(data.riskreg_gate.batch)",
            ],
        )
    )
    batch = work / f"batch-{n}.json"
    batch.write_text(json.dumps({"targets": inputs}))
    rows.append(
        _row(
            "opa eval, one batch (Rego floor)",
            n,
            run(
                [
                    str(BIN / "opa"),
                    "eval",
                    *OPA_IGNORE,
                    "-d",
                    "policies",
                    "-i",
                    str(batch),
                    "--format",
                    "raw",
                    "count(data.riskreg_gate.batch)",
                ],
                cwd=REPO,
            ),
        )
    )
    floor = "import sys,yaml\nfor f in sys.argv[1:]:\n  list(yaml.load_all(open(f), Loader=yaml.CSafeLoader))"
    file_list = work / f"files-{n}.txt"
    file_list.write_text("\n".join(files))
    rows.append(
        _row(
            "PyYAML CSafeLoader parse (parse floor)",
            n,
            run(
                [
                    PY,
                    "-c",
                    floor.replace("sys.argv[1:]", f"open({str(file_list)!r}).read().split()"),
                ]
            ),
        )
    )
    return rows


def _fleet_rows(n: int, data: Path, now: str) -> list[dict[str, Any]]:
    """riskreg spreading batches over 1 and 2 already-running local OPA servers (--opa-url)."""
    import secrets

    from riskreg.policy.engines.binary import locate_opa
    from riskreg.policy.engines.opa_server import OpaServerEngine
    from riskreg.policy.params import PARAMS_ROOT, load_params
    from riskreg.register.store import load_register
    from riskreg.run.engine import register_data

    token = secrets.token_urlsafe(16)
    data_doc = {
        **register_data(load_register(REPO / "risks")),
        PARAMS_ROOT: load_params(REPO / "policies"),
    }
    binary = locate_opa(BIN / "opa")
    rows = []
    servers = [OpaServerEngine(binary, REPO / "policies", data_doc, token=token) for _ in range(2)]
    try:
        for count in (1, 2):
            urls = [arg for server in servers[:count] for arg in ("--opa-url", server.url)]
            m = run(
                riskreg("check", str(data), "--now", now, *urls),
                cwd=REPO,
                env={"RISKREG_OPA_TOKEN": token},
            )
            rows.append(
                _row(
                    f"riskreg check --opa-url x{count} (servers already running)",
                    n,
                    m,
                    "server memory not in peak RSS",
                )
            )
    finally:
        for server in servers:
            server.close()
    return rows


def bench_examples_copies(work: Path, copies: int) -> dict[str, Any]:
    """`riskreg check` on `copies` copies of examples/deployments (three targets each)."""
    import shutil

    root = work / f"examples-x{copies}"
    for index in range(copies):
        shutil.copytree(REPO / "examples" / "deployments", root / f"copy-{index:04d}")
    m = run(riskreg("check", str(root), "--now", "2026-11-01T00:00:00+00:00"), cwd=REPO)
    return _row(f"riskreg check on {copies:,} copies of examples/deployments", copies * 3, m)


def bench_html_report(n: int, work: Path) -> list[dict[str, Any]]:
    """A saved check of n targets rendered to HTML (and JSON) by `riskreg report --from-json`."""
    data = work / f"targets-{n}"
    saved = work / f"check-{n}.json"
    now = "2026-11-01T00:00:00+00:00"
    check = run(riskreg("check", str(data), "--now", now, "-f", "json", "-o", str(saved)), cwd=REPO)
    html = run(
        riskreg("report", "--from-json", str(saved), "-f", "html", "-o", str(work / "r.html")),
        cwd=REPO,
    )
    return [
        _row(f"riskreg check -f json ({n:,} targets)", n, check),
        _row(
            f"riskreg report --from-json -f html ({n:,} targets)",
            n,
            html,
            f"{(work / 'r.html').stat().st_size / 1e6:.1f} MB of HTML"
            if (work / "r.html").exists()
            else "",
        ),
    ]


def bench_sarif(results: int = 25_000) -> dict[str, Any]:
    """Rendering SARIF for `results` failing findings, in process."""
    from riskreg.models.control import Control
    from riskreg.models.finding import Finding, Outcome
    from riskreg.models.severity import Severity
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.report import build_report
    from riskreg.render.registry import OutputFormat, render

    control = Control(
        id="NET-001",
        title="t",
        description="d",
        severity=Severity.HIGH,
        mitigates=["mit1163.m2"],
        kinds=["AIDeployment"],
        package="riskreg.network.x",
        file="x.rego",
    )
    findings = [
        Finding.model_construct(
            control_id="NET-001",
            target=f"deploy/t{i:05d}",
            outcome=Outcome.FAIL,
            severity=Severity.HIGH,
            mitigation_ids=["mit1163.m2"],
            risk_ids=["mit1163"],
            message="egress is open",
            resource=f"AIDeployment/ns/a{i}",
            path="spec.egress.defaultPolicy",
            file=f"deploy/t{i:05d}/a.yaml",
            line=1,
        )
        for i in range(results)
    ]
    from riskreg.models.finding import ToolInfo

    report = build_report(
        findings,
        Catalog([control]),
        results,
        Severity.LOW,
        ToolInfo(version="bench"),
        dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    started = time.perf_counter()
    text = render(report, OutputFormat.SARIF)
    seconds = time.perf_counter() - started
    return {
        "tool": f"render SARIF for {results:,} results",
        "seconds": round(seconds, 3),
        "megabytes": round(len(text) / 1e6, 1),
    }


def bench_startup(repeats: int = 7) -> dict[str, Any]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(riskreg("--help"), capture_output=True, check=True, cwd=REPO)
        times.append(time.perf_counter() - started)
    return {
        "tool": "riskreg --help",
        "median_seconds": round(statistics.median(times), 3),
        "runs": repeats,
    }


def ratios(rows: list[dict[str, Any]]) -> dict[str, float]:
    by = {row["tool"]: row["seconds"] for row in rows}
    ours = by["riskreg check (default: --jobs = cores)"]
    one_call = "conftest test --all-namespaces (one call, all files)"
    capped = any(row["tool"] == one_call and "lower bound" in row["note"] for row in rows)
    return {
        f"vs conftest one call (x faster{', at least' if capped else ''})": round(
            by[one_call] / ours, 2
        ),
        "vs conftest per target (x faster)": round(
            by["conftest test --combine per target"] / ours, 2
        ),
        "vs opa eval per target (x faster)": round(by["opa eval per target"] / ours, 2),
        "vs opa eval batch (x slower)": round(ours / by["opa eval, one batch (Rego floor)"], 2),
        "vs parse floor (x slower)": round(ours / by["PyYAML CSafeLoader parse (parse floor)"], 2),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [f"# riskreg benchmark, {result['date']}", "", f"Machine: {result['machine']}", ""]
    if result.get("note"):
        lines += [result["note"], ""]
    for size in result["sizes"]:
        lines += [
            f"## {size['targets']:,} targets",
            "",
            "| tool | seconds | targets/s | peak RSS MiB | exit | note |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for row in size["rows"]:
            lines.append(
                f"| {row['tool']} | {row['seconds']:.2f} | {row['targets_per_second']:,} | "
                f"{row['peak_rss_mib']:.0f} | {row['exit_code']} | {row['note']} |"
            )
        lines += ["", "Ratios: " + ", ".join(f"{k} **{v}**" for k, v in size["ratios"].items()), ""]
    if len(result["sizes"]) >= 2:
        first, second = result["sizes"][0], result["sizes"][1]
        growth = second["rows"][0]["seconds"] / first["rows"][0]["seconds"]
        lines.append(
            f"Growth of riskreg check from {first['targets']:,} to {second['targets']:,} targets: "
            f"x{growth:.2f} for x{second['targets'] / first['targets']:.0f} the targets."
        )
    lines += [
        "",
        f"`riskreg --help`: {result['startup']['median_seconds'] * 1000:.0f} ms (median of {result['startup']['runs']})",
        "",
    ]
    return "\n".join(lines + _extras_markdown(result.get("extras", [])))


def _extras_markdown(extras: list[dict[str, Any]]) -> list[str]:
    lines = ["## Also measured", "", "| what | seconds | notes |", "|---|---:|---|"]
    for extra in extras:
        notes = [extra.get("note") or ""]
        if "megabytes" in extra:
            notes.append(f"{extra['megabytes']} MB")
        if "peak_rss_mib" in extra:
            notes.append(
                f"peak RSS {extra['peak_rss_mib']:.0f} MiB, {extra['targets_per_second']:,} targets/s"
            )
        lines.append(
            f"| {extra['tool']} | {extra['seconds']:.2f} | {'; '.join(n for n in notes if n)} |"
        )
    return [*lines, ""]


def rerender(path: Path) -> None:
    """Rewrite the Markdown table of a results JSON (python benchmarks/run.py --rerender FILE)."""
    result = json.loads(path.read_text())
    path.with_suffix(".md").write_text(markdown(result))


def main() -> None:
    if sys.argv[1:2] == ["--rerender"]:
        rerender(Path(sys.argv[2]))
        return
    smoke = os.environ.get("BENCH_SMOKE") == "1"
    sizes = (
        [20]
        if smoke
        else [1_000, 10_000] + ([100_000] if os.environ.get("BENCH_LARGE") == "1" else [])
    )
    sample_size = 5 if smoke else 30
    with tempfile.TemporaryDirectory(prefix="riskreg-bench-") as temp:
        work = Path(temp)
        result: dict[str, Any] = {
            "date": dt.date.today().isoformat(),
            "smoke": smoke,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "sizes": [],
        }
        for n in sizes:
            print(f"benchmarking {n} targets", file=sys.stderr)
            rows = bench_size(n, work, sample_size)
            result["sizes"].append({"targets": n, "rows": rows, "ratios": ratios(rows)})
        result["startup"] = bench_startup()
        result["extras"] = [
            bench_examples_copies(work, 20 if smoke else 1_000),
            *bench_html_report(sizes[-1], work),
            bench_sarif(500 if smoke else 25_000),
        ]
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = "smoke" if smoke else result["date"]
    (RESULTS / f"{stem}.json").write_text(json.dumps(result, indent=2) + "\n")
    text = markdown(result)
    (RESULTS / f"{stem}.md").write_text(text)
    if not smoke:
        (RESULTS / "latest.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
