"""JUnit XML follows the JUnit XSD's structure (no XSD validator is a dependency: see tests/schemas)."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from riskreg.models.finding import Report
from riskreg.render import junit

CASE_CHILDREN = {"failure", "error", "skipped", "system-out", "system-err"}


def _counts(element: ET.Element) -> dict[str, int]:
    cases = list(element.iter("testcase"))
    return {
        "tests": len(cases),
        "failures": sum(case.find("failure") is not None for case in cases),
        "errors": sum(case.find("error") is not None for case in cases),
        "skipped": sum(case.find("skipped") is not None for case in cases),
    }


def test_junit_structure(report: Report) -> None:
    root = ET.fromstring(junit.render(report))
    assert root.tag == "testsuites"
    suites = list(root)
    assert suites and all(suite.tag == "testsuite" and suite.get("name") for suite in suites)
    for element in [root, *suites]:
        assert {key: int(element.get(key, "-1")) for key in _counts(element)} == _counts(element)
    for case in root.iter("testcase"):
        assert case.get("name") and case.get("classname")
        assert {child.tag for child in case} <= CASE_CHILDREN
        for child in case:
            if child.tag in {"failure", "error"}:
                assert child.get("message") is not None


def test_failing_control_is_a_failure(report: Report) -> None:
    root = ET.fromstring(junit.render(report))
    failed = [
        case.get("name", "") for case in root.iter("testcase") if case.find("failure") is not None
    ]
    assert failed == ["NET-002: Egress default deny"]
