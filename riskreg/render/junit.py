"""JUnit XML for CI test tabs: a suite per target, a test case per control."""

from __future__ import annotations

import re
from itertools import groupby
from xml.etree import ElementTree as ET

from riskreg.models.finding import Finding, Outcome, Report
from riskreg.models.posture import ResidualGate

# XML 1.0 forbids most control characters; a manifest value must not make the file unreadable.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


def _detail(finding: Finding) -> str:
    where = " ".join(part for part in (finding.resource, finding.path) if part)
    place = finding.location()
    return _clean(
        f"{finding.message}{' at ' + where if where else ''}{' (' + place + ')' if place else ''}"
    )


def _case(suite: ET.Element, control_id: str, findings: list[Finding], title: str) -> None:
    case = ET.SubElement(
        suite,
        "testcase",
        name=_clean(f"{control_id}: {title}"),
        classname=_clean(findings[0].target),
    )
    failing = [finding for finding in findings if finding.outcome is Outcome.FAIL]
    erred = [finding for finding in findings if finding.outcome is Outcome.ERROR]
    if erred:
        ET.SubElement(case, "error", message=_detail(erred[0]), type="evaluation").text = "\n".join(
            map(_detail, erred)
        )
    elif failing:
        ET.SubElement(
            case, "failure", message=_detail(failing[0]), type=failing[0].severity.value
        ).text = "\n".join(map(_detail, failing))
    elif all(finding.outcome is Outcome.SKIP for finding in findings):
        ET.SubElement(case, "skipped", message=_clean(findings[0].message))


def render(report: Report) -> str:
    titles = {control.id: control.title for control in report.controls}
    root = ET.Element("testsuites", name="riskreg check")
    ordered = sorted(report.findings, key=lambda finding: (finding.target, finding.control_id))
    for target, target_findings in groupby(ordered, key=lambda finding: finding.target):
        suite = ET.SubElement(root, "testsuite", name=_clean(target))
        for control_id, group in groupby(target_findings, key=lambda finding: finding.control_id):
            _case(suite, control_id, list(group), titles.get(control_id, ""))
        _count(suite)
    if report.residual_gate is not None:
        _residual_suite(root, report.residual_gate)
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="riskreg")
        case = ET.SubElement(suite, "testcase", name="evaluation", classname="riskreg")
        ET.SubElement(case, "error", message=_clean(report.errors[0])).text = _clean(
            "\n".join(report.errors)
        )
        _count(suite)
    _count(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _residual_suite(root: ET.Element, gate: ResidualGate) -> None:
    """One case per judged AI system: it fails when a residual is above the system's appetite
    without a valid acceptance; accepted ones are named in its output."""
    suite = ET.SubElement(root, "testsuite", name="residual risk")
    for system in gate.judged:
        case = ET.SubElement(
            suite, "testcase", name=_clean(f"residual risk of {system}"), classname="residual"
        )
        breaches = [item for item in gate.breaches if item.system == system]
        lines = [
            _clean(
                f"{item.risk} {item.title}: residual {item.residual} "
                f"({item.residual_likelihood} x {item.residual_impact}) > appetite {item.appetite}"
            )
            for item in breaches
        ]
        if breaches:
            ET.SubElement(case, "failure", message=lines[0], type="residual").text = "\n".join(
                lines
            )
        accepted = [
            _clean(
                f"{item.risk}: residual {item.residual} accepted by {item.approver} until {item.expires}"
            )
            for item in gate.accepted
            if item.system == system
        ]
        if accepted:
            ET.SubElement(case, "system-out").text = "\n".join(accepted)
    for system in gate.not_judged:
        case = ET.SubElement(
            suite, "testcase", name=_clean(f"residual risk of {system}"), classname="residual"
        )
        ET.SubElement(case, "skipped", message="no target of this run belongs to the system")
    _count(suite)


def _count(element: ET.Element) -> None:
    cases = element.iter("testcase")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for case in cases:
        totals["tests"] += 1
        totals["failures"] += case.find("failure") is not None
        totals["errors"] += case.find("error") is not None
        totals["skipped"] += case.find("skipped") is not None
    for key, value in totals.items():
        element.set(key, str(value))
