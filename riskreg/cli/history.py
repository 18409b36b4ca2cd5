"""`riskreg history`: recorded runs, their trend, and what changed between two runs."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from riskreg.cli.console import out
from riskreg.cli.options import HistoryOption, TextOrJson
from riskreg.config import Flags, resolve_settings

app = typer.Typer(help="Recorded runs (`check --record`): list, trend and diff.")

FormatOption = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]


@app.callback(invoke_without_command=True)
def _default(ctx: typer.Context, history: HistoryOption = None) -> None:
    """Without a subcommand, list the runs."""
    if ctx.invoked_subcommand is None:
        list_runs(history=history)


@app.command("list")
def list_runs(
    history: HistoryOption = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Show the latest N runs.")] = 20,
    output_format: FormatOption = TextOrJson.TEXT,
) -> None:
    """Recorded runs, oldest first, with failures and controls passing, and the change per run."""
    from riskreg.workflow.history import list_runs as read_runs

    runs = read_runs(resolve_settings(Flags(history=history)).history, limit)
    if output_format is TextOrJson.JSON:
        out(json.dumps([run.model_dump(mode="json") for run in runs], indent=2))
        return
    out(f"{'RUN':>4}  {'RECORDED':25}  {'COMMAND':8}  GATE    FAILING  CONTROLS PASSING  TREND")
    previous = None
    for run in runs:
        trend = "" if previous is None else f"{run.failing - previous.failing:+d} failing"
        gate = "pass" if run.passed_gate else "FAIL"
        controls = f"{run.passing_controls}/{run.controls} ({run.coverage:.0%})"
        out(
            f"{run.id:>4}  {run.recorded_at.isoformat():25}  {run.command:8}  {gate:6}  "
            f"{run.failing:>7}  {controls:>16}  {trend}"
        )
        previous = run


@app.command("diff")
def diff(
    old: Annotated[int, typer.Argument(help="Earlier run id.")],
    new: Annotated[int, typer.Argument(help="Later run id.")],
    history: HistoryOption = None,
    output_format: FormatOption = TextOrJson.TEXT,
) -> None:
    """Failures that appeared in NEW and failures of OLD that are gone (keyed on control,
    target, resource and path)."""
    from riskreg.workflow.history import diff_runs

    appeared, fixed = diff_runs(resolve_settings(Flags(history=history)).history, old, new)
    if output_format is TextOrJson.JSON:
        keys = ("control_id", "target", "resource", "path")
        payload = {
            "old": old,
            "new": new,
            "appeared": [dict(zip(keys, key, strict=True)) for key in appeared],
            "fixed": [dict(zip(keys, key, strict=True)) for key in fixed],
        }
        out(json.dumps(payload, indent=2))
        return
    out(f"run {old} -> run {new}: {len(appeared)} new failures, {len(fixed)} fixed")
    for sign, changed in (("+", appeared), ("-", fixed)):
        for control, target, resource, path in changed:
            out(f"{sign} {control}  {target}  {resource or '-'}  {path or '-'}")
