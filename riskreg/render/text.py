"""Text: what a person reads in a terminal or CI log: failures first, grouped by target."""

from __future__ import annotations

from itertools import groupby

from riskreg.models.finding import Finding, Outcome, Report
from riskreg.models.gate import Gate
from riskreg.models.posture import ResidualGate, ResidualPosition

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
    if report.residual_gate is not None:
        lines.extend(residual_lines(report.residual_gate))
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
        f"{_residual_verdict(report)}"
    )
    if report.summary.passed_over:
        passed = ", ".join(f"{n} {reason}" for reason, n in report.summary.passed_over.items())
        lines.append(f"Passed over (not read): {passed}")
    return "\n".join(lines) + "\n"


def _residual_verdict(report: Report) -> str:
    gate = report.residual_gate
    if gate is None or Gate.RESIDUAL not in report.decided_by:
        return ""
    return f"; residual gate: {len(gate.breaches)} above appetite without a valid acceptance"


def _position(position: ResidualPosition) -> str:
    where = f"  {position.file}:{position.line}" if position.file and position.line else ""
    return (
        f"{position.system} {position.risk}: residual {position.residual} "
        f"({position.residual_likelihood} x {position.residual_impact}) > appetite "
        f"{position.appetite}; inherent {position.inherent}, "
        f"{position.treatment or 'no treatment'}{where}"
    )


def residual_lines(gate: ResidualGate) -> list[str]:
    """The residual gate as text: breaches, accepted risks above appetite, clean systems."""
    lines = ["residual risk against each system's appetite:"]
    lines += [f"  ABOVE    {_position(item)}" for item in gate.breaches]
    lines += [
        f"  ACCEPTED {_position(item)}; accepted by {item.approver} until {item.expires}"
        for item in gate.accepted
    ]
    above = {item.system for item in [*gate.breaches, *gate.accepted]}
    clean = [system for system in gate.judged if system not in above]
    if clean:
        lines.append(f"  within appetite: {', '.join(clean)}")
    if gate.not_judged:
        lines.append(f"  not judged (no target in this run): {', '.join(gate.not_judged)}")
    return lines
