"""The CI-workflow steps every evaluating command shares: waivers, baseline, trend and recording.

`run_evaluation` calls these, so `check`, `report` and `coverage` waive, baseline and record
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from riskreg.cli.console import err
from riskreg.config import DEFAULTS, load_project_config

if TYPE_CHECKING:
    from riskreg.cli.runtime import RunSettings
    from riskreg.models.finding import Finding, Report
    from riskreg.models.risk import Register
    from riskreg.models.target import Target
    from riskreg.models.workflow import BaselineInfo, Waiver, WaiverStatus

DEFAULT_HISTORY = Path(".riskreg") / "history.sqlite"

WaiversOption = Annotated[
    Path | None,
    typer.Option(
        "--waivers",
        envvar="RISKREG_WAIVERS",
        help="Waivers file [default: <risks>/waivers.yaml when it exists].",
        show_default=False,
    ),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        envvar="RISKREG_BASELINE",
        help="Fail only on failures not in this baseline (see `riskreg baseline update`).",
        show_default=False,
    ),
]
RecordOption = Annotated[
    bool | None,
    typer.Option(
        "--record/--no-record",
        envvar="RISKREG_RECORD",
        help="Record this run in the history store [default: [tool.riskreg] record, else off].",
        show_default=False,
    ),
]
HistoryOption = Annotated[
    Path | None,
    typer.Option(
        "--history",
        envvar="RISKREG_HISTORY",
        help="SQLite history store [default: .riskreg/history.sqlite].",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class WorkflowOptions:
    """Where waivers, the baseline and the history live, and whether this run is recorded."""

    waivers: Path | None = None  # None: [tool.riskreg] waivers, else <risks>/waivers.yaml if any
    baseline: Path | None = None
    record: bool = False
    history: Path = DEFAULT_HISTORY
    command: str = "check"
    warn_days: int = int(DEFAULTS["waiver_warn_days"])

    @classmethod
    def resolve(
        cls,
        command: str,
        waivers: Path | None = None,
        baseline: Path | None = None,
        record: bool | None = None,
        history: Path | None = None,
    ) -> WorkflowOptions:
        """Flags (already merged with RISKREG_* by Typer) over [tool.riskreg] over defaults."""
        config = load_project_config()
        return cls(
            waivers=waivers or _config_path(config.values, config.path, "waivers"),
            baseline=baseline or _config_path(config.values, config.path, "baseline"),
            record=bool(config.get("record", record)),
            history=history
            or _config_path(config.values, config.path, "history")
            or DEFAULT_HISTORY,
            command=command,
            warn_days=int(config.get("waiver_warn_days")),
        )


def _config_path(values: dict[str, object], where: Path | None, key: str) -> Path | None:
    if values.get(key) is None or where is None:
        return None
    return where.parent / str(values[key])


def load_waiver_list(settings: RunSettings, options: WorkflowOptions) -> list[Waiver]:
    """The waivers in force for this run; an invalid file stops the run with exit 3."""
    from riskreg.workflow.waivers import default_waivers_path, load_waivers

    path = options.waivers or default_waivers_path(settings.risks)
    return load_waivers(path) if path is not None else []


def apply_workflow(
    settings: RunSettings, findings: list[Finding], waivers: list[Waiver], options: WorkflowOptions
) -> tuple[list[Finding], list[WaiverStatus], BaselineInfo | None]:
    """Waive what active waivers cover (warning about expiring ones), then compare to the baseline."""
    from riskreg.workflow.baseline import apply_baseline, load_baseline
    from riskreg.workflow.waivers import apply_waivers, waiver_warnings

    findings, statuses = apply_waivers(findings, waivers, settings.now.date(), options.warn_days)
    for line in waiver_warnings(statuses):
        err(line)
    info = None
    if options.baseline is not None:
        info = apply_baseline(findings, load_baseline(options.baseline), str(options.baseline))
    return findings, statuses, info


def finish_run(
    settings: RunSettings,
    report: Report,
    seen: list[Target],
    register: Register,
    options: WorkflowOptions,
) -> Report:
    """Add the trend since the last recorded run, and record this run when asked to."""
    from riskreg.workflow.digest import policy_digest
    from riskreg.workflow.history import RunInputs, latest_run, record_run, trend_since

    previous = latest_run(options.history)
    if previous is not None:
        report = report.model_copy(update={"trend": trend_since(previous, report)})
    if options.record:
        files = {path: digest for target in seen for path, digest in target.files.items()}
        inputs = RunInputs(
            options.command, files, policy_digest(settings.policies), register.version
        )
        run_id = record_run(options.history, report, inputs)
        err(f"recorded run {run_id} in {options.history}")
    return report


def workflow_summary(report: Report) -> list[str]:
    """Stderr lines after the verdict: waived failures, baseline split, trend."""
    lines = []
    waived = report.summary.by_outcome.get("waived", 0)
    if waived or report.waivers:
        lines.append(f"{waived} failures waived by {len(report.waivers)} waivers")
    if report.baseline is not None:
        info = report.baseline
        lines.append(
            f"baseline {info.file}: {len(info.new)} new, {len(info.known)} known, "
            f"{len(info.fixed)} fixed"
        )
    if report.trend is not None:
        trend = report.trend
        lines.append(
            f"since run {trend.previous_run}: failing {trend.failing_delta:+d}, "
            f"passing controls {trend.passing_controls_delta:+d}"
        )
    return lines
