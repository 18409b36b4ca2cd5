"""The CI-workflow steps every evaluating command shares: waivers, baseline, trend and recording.

Warnings and status lines are returned, never printed, so `check`, `report`, `coverage`,
`baseline` and `evidence` waive, baseline and record the same way and say so the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.finding import Finding, Report
    from riskreg.models.risk import Register
    from riskreg.models.target import Target
    from riskreg.models.workflow import BaselineInfo, Waiver, WaiverStatus


@dataclass(frozen=True)
class Adjusted:
    """Findings after waivers and the baseline, what was applied, and the warnings to show."""

    findings: list[Finding]
    waivers: list[WaiverStatus]
    baseline: BaselineInfo | None
    messages: list[str]


def load_waiver_list(settings: Settings) -> list[Waiver]:
    """The waivers in force for this run; an invalid file raises InvalidInputError."""
    from riskreg.workflow.waivers import default_waivers_path, load_waivers

    path = settings.waivers or default_waivers_path(settings.risks)
    return load_waivers(path) if path is not None else []


def apply_workflow(settings: Settings, findings: list[Finding], waivers: list[Waiver]) -> Adjusted:
    """Waive what active waivers cover (warning about expiring ones), then compare to the baseline."""
    from riskreg.workflow.baseline import apply_baseline, load_baseline
    from riskreg.workflow.waivers import apply_waivers, waiver_warnings

    today = settings.now.date()
    findings, statuses = apply_waivers(findings, waivers, today, settings.waiver_warn_days)
    info = None
    if settings.baseline is not None:
        info = apply_baseline(findings, load_baseline(settings.baseline), str(settings.baseline))
    return Adjusted(findings, statuses, info, waiver_warnings(statuses))


def finish_run(
    settings: Settings, report: Report, seen: list[Target], register: Register, command: str
) -> tuple[Report, list[str]]:
    """Add the trend since the last recorded run, record this run when asked, and say so."""
    from riskreg.workflow.digest import policy_digest
    from riskreg.workflow.history import RunInputs, latest_run, record_run, trend_since

    previous = latest_run(settings.history)
    if previous is not None:
        report = report.model_copy(update={"trend": trend_since(previous, report)})
    if not settings.record:
        return report, []
    files = {path: digest for target in seen for path, digest in target.files.items()}
    inputs = RunInputs(command, files, policy_digest(settings.policies), register.version)
    run_id = record_run(settings.history, report, inputs)
    return report, [f"recorded run {run_id} in {settings.history}"]
