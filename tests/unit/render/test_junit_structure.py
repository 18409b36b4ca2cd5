"""JUnit XML validates against the JUnit XSD in tests/schemas, and its counts add up."""

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
    assert failed == ["NET-002: Egress default deny", "residual risk of coder"]


def test_residual_gate_is_a_suite_with_a_case_per_system(report: Report) -> None:
    root = ET.fromstring(junit.render(report))
    [suite] = [s for s in root.iter("testsuite") if s.get("name") == "residual risk"]
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert list(cases) == ["residual risk of coder", "residual risk of chat"]
    failure = cases["residual risk of coder"].find("failure")
    assert failure is not None and "mit1163" in (failure.text or "")
    accepted = cases["residual risk of chat"].find("system-out")
    assert accepted is not None and "accepted by ciso@example.com" in (accepted.text or "")


def _xsd() -> object:
    import xmlschema

    from tests.integration.conftest import REPO

    return xmlschema.XMLSchema(str(REPO / "tests" / "schemas" / "junit.xsd"))


def test_junit_validates_against_the_xsd(report: Report) -> None:
    schema = _xsd()
    schema.validate(junit.render(report))  # type: ignore[attr-defined]


def test_failed_run_junit_validates_and_has_an_error() -> None:
    import datetime as dt

    from riskreg.models.finding import ToolInfo
    from riskreg.models.severity import Severity
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.report import build_report

    failed = build_report(
        [], Catalog(controls=[]), 0, Severity.LOW, ToolInfo(version="t"),
        dt.datetime(2026, 1, 1, tzinfo=dt.UTC), errors=["opa at http://127.0.0.1:9 unreachable"],
    )  # fmt: skip
    text = junit.render(failed)
    _xsd().validate(text)  # type: ignore[attr-defined]
    assert ET.fromstring(text).find(".//error") is not None


def test_xsd_rejects_what_ci_tools_reject() -> None:
    """The schema can fail: a testcase without classname is refused."""
    import xmlschema

    bad = '<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="x"/></testsuite></testsuites>'
    try:
        _xsd().validate(bad)  # type: ignore[attr-defined]
    except xmlschema.XMLSchemaValidationError:
        return
    raise AssertionError("the JUnit XSD accepted a testcase without classname")
