"""Coverage graph and report build times for the full MIT register (1,520 risks).

    .venv/bin/python benchmarks/bench_coverage.py          # writes benchmarks/results/coverage.{json,md}

Two registers:
- full: a copy of risks/ with `riskreg risks import mit` of the shared V4 workbook merged in
  (1,520 risks; mitigations only where risk pages were imported). Timed end to end with the CLI:
  `riskreg report examples/deployments -f html -f pdf -f json`, against risks/ and against this.
- stress: the same 1,520 risks with 3 synthetic mitigations each, 60 synthetic controls citing
  25 mitigations each, 100 targets, 6,000 findings (about 5 % failing). Times the graph build,
  coverage, and the html/json/csv/oscal renderers (PDF of this is ~2,000 pages; not timed).
Without the workbook, 1,520 synthetic risks stand in.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from riskreg.coverage.assess import analyse, assess
from riskreg.coverage.graph import build_graph
from riskreg.models.control import Control, Severity
from riskreg.models.finding import Finding, Outcome, Report, Summary, ToolInfo
from riskreg.models.risk import Mitigation, Register, Risk
from riskreg.render.registry import ReportFormat, render_report

REPO = Path(__file__).resolve().parents[1]
WORKBOOK = REPO.parent / "shared/data/mit-ai-risk/Copy of The AI Risk Repository V4_03_12_2025.xlsx"
RESULTS = REPO / "benchmarks" / "results"
RISKREG = str(REPO / ".venv" / "bin" / "riskreg")


def _timed(action: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def full_register() -> Path | None:
    """risks/ with the whole MIT workbook merged in, in a temp folder (None without the workbook)."""
    if not WORKBOOK.is_file():
        return None
    folder = Path(tempfile.mkdtemp(prefix="riskreg-bench-")) / "risks"
    shutil.copytree(REPO / "risks", folder)
    subprocess.run(
        [RISKREG, "risks", "import", "mit", str(WORKBOOK), "--risks", str(folder)],
        check=True,
        capture_output=True,
    )
    return folder


def imported_risks(folder: Path | None) -> tuple[list[Risk], str]:
    from riskreg.register.store import load_register

    if folder is None:
        return [
            Risk(id=f"mit{i}", title=f"Synthetic risk {i}") for i in range(1, 1521)
        ], "synthetic"
    return load_register(folder).risks, "risks/ + MIT V4 workbook import"


def with_mitigations(risks: list[Risk]) -> Register:
    enriched = [
        risk.model_copy(
            update={
                "mitigations": [
                    Mitigation(
                        id=f"{risk.id}.m{n}", title=f"Mitigation {n}", description="Synthetic."
                    )
                    for n in (1, 2, 3)
                ]
            }
        )
        for risk in risks
    ]
    return Register(risks=enriched, version="bench")


def synthetic_run(register: Register, controls: int = 60, targets: int = 100) -> Report:
    rng = random.Random(7)
    mitigation_ids = sorted(register.mitigation_ids())
    catalogue = [
        Control(
            id=f"BEN-{c:03d}",
            title=f"Control {c}",
            description="Synthetic.",
            severity=Severity.HIGH,
            mitigates=rng.sample(mitigation_ids, 25),
            kinds=["Deployment"],
            frameworks={"eu_ai_act": [f"Art. {9 + c % 7}"]},
            package=f"riskreg.bench.c{c}",
            file=f"bench/c{c}.rego",
        )
        for c in range(1, controls + 1)
    ]
    findings = [
        Finding(
            control_id=control.id,
            target=f"targets/t{t:03d}",
            outcome=Outcome.FAIL if rng.random() < 0.05 else Outcome.PASS,
            severity=Severity.HIGH,
            mitigation_ids=control.mitigates,
            risk_ids=[],
            message="synthetic",
            resource=f"Deployment/ns/app{t}",
        )
        for control in catalogue
        for t in range(targets)
    ]
    summary = Summary(
        targets=targets,
        controls=controls,
        by_outcome={o.value: 0 for o in Outcome},
        failures_by_severity={s.value: 0 for s in Severity},
        errors=0,
    )
    return Report(
        tool=ToolInfo(version="bench", opa_version=None),
        generated_at=dt.datetime.now(dt.UTC),
        fail_on=Severity.LOW,
        passed_gate=False,
        summary=summary,
        controls=catalogue,
        findings=findings,
    )


def examples_end_to_end(risks: Path) -> float:
    out = Path(tempfile.mkdtemp(prefix="riskreg-bench-report-"))
    env = {**os.environ, "RISKREG_OPA": str(REPO / ".tools" / "bin" / "opa")}
    command = [
        RISKREG,
        "report",
        "examples/deployments",
        "-f",
        "html",
        "-f",
        "pdf",
        "-f",
        "json",
        "--output-dir",
        str(out),
        "--risks",
        str(risks),
    ]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=REPO, env=env)
    return time.perf_counter() - start


def main() -> None:
    folder = full_register()
    risks, source = imported_risks(folder)
    register = with_mitigations(risks)
    run = synthetic_run(register)
    build_s, _ = _timed(lambda: build_graph(register.risks, run.controls, run.findings))
    assess_s, _ = _timed(
        lambda: assess(build_graph(register.risks, run.controls, run.findings), "b")
    )
    _, (graph, coverage) = _timed(lambda: analyse(register, run), repeat=1)
    full = run.model_copy(update={"coverage": coverage})
    numbers: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cpus, python {platform.python_version()}",
        "register": source,
        "risks": len(register.risks),
        "mitigations": len(register.mitigation_ids()),
        "controls": len(run.controls),
        "findings": len(run.findings),
        "stress_graph_nodes": graph.graph.number_of_nodes(),
        "stress_graph_edges": graph.graph.number_of_edges(),
        "stress_graph_build_s": round(build_s, 3),
        "stress_graph_build_and_coverage_s": round(assess_s, 3),
    }
    for fmt in (
        ReportFormat.HTML,
        ReportFormat.JSON,
        ReportFormat.CSV,
        ReportFormat.OSCAL,
    ):
        seconds, data = _timed(lambda fmt=fmt: render_report(full, fmt), repeat=1)
        numbers[f"stress_render_{fmt.value}_s"] = round(seconds, 3)
        numbers[f"stress_render_{fmt.value}_bytes"] = len(data)
    numbers["e2e_examples_report_html_pdf_json_s"] = round(examples_end_to_end(REPO / "risks"), 3)
    if folder is not None:
        numbers["e2e_full_register_report_html_pdf_json_s"] = round(examples_end_to_end(folder), 3)
    write(numbers)


def write(numbers: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "coverage.json").write_text(json.dumps(numbers, indent=2) + "\n", encoding="utf-8")
    lines = ["# Coverage graph and report benchmark", "", "| measure | value |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in numbers.items()]
    (RESULTS / "coverage.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
