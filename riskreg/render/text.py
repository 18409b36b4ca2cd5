"""Text: what a person reads in a terminal or CI log: failures first, grouped by target."""

from __future__ import annotations

from itertools import groupby

from riskreg.models.finding import Finding, Outcome, Report

_SHOWN = (Outcome.ERROR, Outcome.FAIL, Outcome.WARN)


def _line(finding: Finding) -> str:
    where = finding.resource or finding.file or ""
    path = f" {finding.path}" if finding.path else ""
    label = finding.outcome.value.upper()
    place = finding.location()
    message = f"{place}: {finding.message}" if place else finding.message
    return f"  {label:<5} {finding.control_id:<13} {finding.severity.value:<8} {where}{path}\n        {message}"


def render(report: Report) -> str:
    lines: list[str] = []
    shown = sorted(
        (finding for finding in report.findings if finding.outcome in _SHOWN),
        key=lambda finding: (finding.target, finding.control_id, finding.resource or ""),
    )
    for target, group in groupby(shown, key=lambda finding: finding.target):
        lines.append(target)
        lines.extend(_line(finding) for finding in group)
    lines.extend(f"ERROR {error}" for error in report.errors)
    counts = report.summary.by_outcome
    verdict = "PASSED" if report.passed_gate else "FAILED"
    verified = sum(
        1 for f in report.findings if f.outcome.value == "pass" and f.assurance == "verified"
    )
    lines.append(
        f"{verdict}: {report.summary.targets} targets, {report.summary.controls} controls: "
        f"{counts['fail']} fail, {counts['pass']} pass ({verified} verified on configuration, "
        f"{counts['pass'] - verified} attested), {counts['warn']} warn, "
        f"{counts['skip']} not applicable, {report.summary.errors} errors "
        f"(gate fails on {report.fail_on.value} and above)"
    )
    if report.summary.passed_over:
        passed = ", ".join(f"{n} {reason}" for reason, n in report.summary.passed_over.items())
        lines.append(f"Passed over (not read): {passed}")
    return "\n".join(lines) + "\n"
