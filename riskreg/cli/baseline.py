"""`riskreg baseline`: write the baseline of today's failures so the gate fails only on new ones."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import emit, err
from riskreg.cli.options import OpaBinaryOption, PoliciesOption, RisksOption
from riskreg.cli.runtime import EngineOptions, RunSettings, run_evaluation
from riskreg.cli.workflow_run import WaiversOption, WorkflowOptions
from riskreg.models.severity import Severity

app = typer.Typer(no_args_is_help=True, help="Baselines of known failures (`check --baseline`).")

NowOption = Annotated[
    str | None,
    typer.Option("--now", envvar="RISKREG_NOW", hidden=True, help="Clock override (ISO 8601)."),
]


@app.command("update")
def update(
    paths: Annotated[
        list[str], typer.Argument(help="Manifests to evaluate, as for `riskreg check`.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Baseline file to write (atomically).")
    ] = Path("riskreg-baseline.json"),
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    waivers: WaiversOption = None,
    now: NowOption = None,
) -> None:
    """Evaluate PATHS and write every failing finding as known (keyed on control, target,
    resource and path; messages may change freely). Commit the file; `check --baseline FILE`
    then fails only on failures not in it, and reports the ones fixed since.
    """
    from riskreg.manifests.discover import discover
    from riskreg.workflow.baseline import baseline_text, build_baseline

    settings = RunSettings.resolve(risks, policies, opa_binary, None, now)
    targets = list(discover(paths, settings.limits))
    # The baseline being written must not hide anything, and writing it is not a recorded run.
    workflow = replace(WorkflowOptions.resolve("baseline", waivers), baseline=None, record=False)
    report = run_evaluation(settings, targets, Severity.LOW, EngineOptions(), workflow)
    baseline = build_baseline(report.findings, settings.now)
    emit(baseline_text(baseline), output)
    err(f"baseline {output}: {len(baseline.entries)} known failures")
