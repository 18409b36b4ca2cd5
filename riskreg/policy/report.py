"""Assembling the versioned Report from findings: sorted, counted, and the gate decided once."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from riskreg.models.control import Severity
from riskreg.models.finding import Finding, GateResult, Outcome, Report, Summary, ToolInfo
from riskreg.models.workflow import BaselineInfo, WaiverStatus
from riskreg.policy.catalog import Catalog


def gate_passes(
    findings: list[Finding],
    fail_on: Severity,
    errors: list[str],
    baseline: BaselineInfo | None = None,
) -> bool:
    """The gate fails on any error, and on any failing finding at or above the threshold.

    Waived findings are not failures; with a baseline, only failures not in it count.
    """
    if errors or any(finding.outcome is Outcome.ERROR for finding in findings):
        return False
    return not any(
        finding.outcome is Outcome.FAIL
        and finding.severity.rank >= fail_on.rank
        and not (baseline is not None and baseline.is_known(finding))
        for finding in findings
    )


def summarise(findings: list[Finding], targets: int, controls: int, errors: list[str]) -> Summary:
    by_outcome = Counter(finding.outcome.value for finding in findings)
    failing = Counter(
        finding.severity.value for finding in findings if finding.outcome is Outcome.FAIL
    )
    return Summary(
        targets=targets,
        controls=controls,
        by_outcome={outcome.value: by_outcome.get(outcome.value, 0) for outcome in Outcome},
        failures_by_severity={level.value: failing.get(level.value, 0) for level in Severity},
        errors=len(errors) + by_outcome.get(Outcome.ERROR.value, 0),
    )


def build_report(
    findings: list[Finding],
    catalog: Catalog,
    targets: int,
    fail_on: Severity,
    tool: ToolInfo,
    generated_at: dt.datetime,
    errors: list[str] | None = None,
    waivers: list[WaiverStatus] | None = None,
    baseline: BaselineInfo | None = None,
    gates: list[GateResult] | None = None,
) -> Report:
    """The report of one run, findings sorted by (control, target, resource, path); `gates`
    asked for besides the threshold (e.g. require-verified) must pass too."""
    errors = sorted(errors or [])
    ordered = sorted(findings, key=Finding.sort_key)
    gates = gates or []
    return Report(
        tool=tool,
        generated_at=generated_at,
        fail_on=fail_on,
        passed_gate=gate_passes(ordered, fail_on, errors, baseline)
        and all(gate.passed for gate in gates),
        gates=gates,
        summary=summarise(ordered, targets, len(catalog.controls), errors),
        controls=catalog.controls,
        findings=ordered,
        errors=errors,
        waivers=waivers or [],
        baseline=baseline,
    )
