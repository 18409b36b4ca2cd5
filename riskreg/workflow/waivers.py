"""Waivers: approved, time-boxed exceptions that turn matching failures into `waived` findings."""

from __future__ import annotations

import datetime as dt
from fnmatch import fnmatchcase
from pathlib import Path

from riskreg.models.finding import Finding, Outcome
from riskreg.models.workflow import (
    DEFAULT_WARN_DAYS,
    Waiver,
    WaiversFile,
    WaiverState,
    WaiverStatus,
    expiry_state,
)
from riskreg.workflow.files import read_model

DEFAULT_WAIVERS_NAME = "waivers.yaml"


def load_waivers(path: Path) -> list[Waiver]:
    """The waivers of a file; a waiver without approver or expiry raises InvalidInputError (exit 3)."""
    return read_model(path, WaiversFile).waivers


def default_waivers_path(risks: Path) -> Path | None:
    """`<risks>/waivers.yaml` when it exists, else None."""
    candidate = risks / DEFAULT_WAIVERS_NAME
    return candidate if candidate.is_file() else None


def waiver_state(waiver: Waiver, today: dt.date, warn_days: int = DEFAULT_WARN_DAYS) -> WaiverState:
    """Expired after its `expires` day; expiring when at most `warn_days` days are left."""
    return expiry_state(waiver.expires, today, warn_days)


def covers(waiver: Waiver, finding: Finding) -> bool:
    """Whether a waiver's control, target and resource patterns all match a finding."""
    if not fnmatchcase(finding.control_id, waiver.control):
        return False
    if not fnmatchcase(finding.target, waiver.target):
        return False
    return waiver.resource is None or fnmatchcase(finding.resource or "", waiver.resource)


def apply_waivers(
    findings: list[Finding],
    waivers: list[Waiver],
    today: dt.date,
    warn_days: int = DEFAULT_WARN_DAYS,
) -> tuple[list[Finding], list[WaiverStatus]]:
    """Failures covered by an unexpired waiver become `waived`; every waiver's status is returned.

    Only failures are waived: a warning or an error is never hidden. An expired waiver applies to
    nothing, so its findings fail again, and it is itself reported.
    """
    states = [waiver_state(waiver, today, warn_days) for waiver in waivers]
    matched = [0] * len(waivers)
    result: list[Finding] = []
    for finding in findings:
        index = _first_cover(finding, waivers, states)
        if index is None:
            result.append(finding)
            continue
        matched[index] += 1
        result.append(finding.model_copy(update={"outcome": Outcome.WAIVED}))
    statuses = [
        WaiverStatus(
            waiver=waiver, state=state, days_left=(waiver.expires - today).days, matched=count
        )
        for waiver, state, count in zip(waivers, states, matched, strict=True)
    ]
    return result, statuses


def _first_cover(finding: Finding, waivers: list[Waiver], states: list[WaiverState]) -> int | None:
    if finding.outcome is not Outcome.FAIL:
        return None
    for index, (waiver, state) in enumerate(zip(waivers, states, strict=True)):
        if state is not WaiverState.EXPIRED and covers(waiver, finding):
            return index
    return None


def waiver_warnings(statuses: list[WaiverStatus]) -> list[str]:
    """One stderr line per waiver that expires soon or has expired."""
    lines = []
    for status in statuses:
        waiver = status.waiver
        if status.state is WaiverState.EXPIRING:
            lines.append(
                f"warning: waiver {waiver.label} expires {waiver.expires} "
                f"(in {status.days_left} days; approver {waiver.approver})"
            )
        elif status.state is WaiverState.EXPIRED:
            lines.append(
                f"warning: waiver {waiver.label} expired {waiver.expires} and no longer applies "
                f"(approver {waiver.approver})"
            )
    return lines
