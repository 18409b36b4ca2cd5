"""The baseline of today's failures, so the gate fails only on failures that are new."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from riskreg.models.severity import Severity
from riskreg.run.evaluation import Progress, evaluate_targets, find_targets

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.workflow import Baseline


@dataclass(frozen=True)
class BaselineRun:
    """The baseline, its text for the file, and the run's messages for the user."""

    baseline: Baseline
    text: str
    messages: tuple[str, ...] = ()


def update_baseline(
    settings: Settings, paths: list[str], progress: Progress | None = None
) -> BaselineRun:
    """Evaluate PATHS and take every failing finding as known (keyed on control, target,
    resource and path, never on the message)."""
    from riskreg.workflow.baseline import baseline_text, build_baseline

    targets = list(find_targets(settings, paths))
    # The baseline being written must not hide anything, and writing it is not a recorded run.
    settings = replace(settings, fail_on=Severity.LOW, baseline=None, record=False)
    run = evaluate_targets(settings, targets, command="baseline", progress=progress)
    baseline = build_baseline(run.report.findings, settings.now)
    return BaselineRun(baseline, baseline_text(baseline), run.messages)
