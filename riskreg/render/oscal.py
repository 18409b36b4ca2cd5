"""OSCAL Assessment Results: one result holding observations (control x target), findings (per
control, satisfied or not) and the MIT risks as OSCAL risks."""

from __future__ import annotations

import json
from typing import Any

from riskreg.models.coverage import ControlCoverage, Coverage
from riskreg.models.finding import Report
from riskreg.render.oscal_common import (
    back_matter,
    local_definitions,
    metadata,
    oscal_risk,
    prop,
    stable_uuid,
)

_FAILED = ("fail", "error", "waived")
# A pass on real configuration is a test; a pass on self-declared fields only examined a claim.
_METHOD = {"verified": "TEST", "attested": "EXAMINE"}


def _observation(report: Report, control: ControlCoverage, index: int) -> dict[str, Any]:
    result = control.results[index]
    where = f" ({', '.join(result.resources)})" if result.resources else ""
    return {
        "uuid": stable_uuid(report, "observation", control.id, result.target),
        "title": f"{control.id} on {result.target}",
        "description": f"{control.id} {control.title}: {result.outcome} on {result.target}{where}",
        "props": [
            prop("outcome", result.outcome),
            prop("target", result.target),
            *([prop("assurance", result.assurance)] if result.assurance else []),
        ],
        "methods": [_METHOD.get(result.assurance or "", "TEST")],
        "types": ["finding"] if result.outcome in _FAILED else ["control-objective"],
        "collected": report.generated_at.isoformat(),
    }


def _risks_of(coverage: Coverage, control_id: str) -> list[str]:
    return [
        risk.id
        for risk in coverage.risks
        if any(control_id in mitigation.controls for mitigation in risk.mitigations)
    ]


def _finding(report: Report, coverage: Coverage, control: ControlCoverage) -> dict[str, Any]:
    failed = any(result.outcome in _FAILED for result in control.results)
    finding: dict[str, Any] = {
        "uuid": stable_uuid(report, "finding", control.id),
        "title": f"{control.id}: {control.title}",
        "description": f"{control.id} is {control.status.value}; mitigates {', '.join(control.mitigates)}",
        "props": [prop("severity", control.severity), prop("status", control.status.value)],
        "target": {
            "type": "objective-id",
            "target-id": control.id,
            "status": {"state": "not-satisfied" if failed else "satisfied"},
        },
    }
    if control.results:
        finding["related-observations"] = [
            {"observation-uuid": stable_uuid(report, "observation", control.id, r.target)}
            for r in control.results
        ]
    risks = _risks_of(coverage, control.id)
    if risks:
        finding["related-risks"] = [
            {"risk-uuid": stable_uuid(report, "risk", risk_id)} for risk_id in risks
        ]
    return finding


def _result(report: Report, coverage: Coverage) -> dict[str, Any]:
    result: dict[str, Any] = {
        "uuid": stable_uuid(report, "result"),
        "title": "riskreg check run",
        "description": (
            f"{report.summary.targets} targets evaluated against {report.summary.controls} "
            f"controls; gate {'passed' if report.passed_gate else 'failed'} "
            f"(fail on {report.fail_on.value} and above)"
        ),
        "start": report.generated_at.isoformat(),
        "end": report.generated_at.isoformat(),
        "reviewed-controls": {"control-selections": [_selection(report)]},
    }
    observations = [
        _observation(report, control, index)
        for control in coverage.controls
        for index in range(len(control.results))
    ]
    if observations:
        result["observations"] = observations
    if coverage.systems is not None:
        result["local-definitions"] = local_definitions(report)
    if coverage.risks:
        result["risks"] = [oscal_risk(report, risk) for risk in coverage.risks]
    if coverage.controls:
        result["findings"] = [_finding(report, coverage, c) for c in coverage.controls]
    return result


def _selection(report: Report) -> dict[str, Any]:
    if not report.controls:
        return {"include-all": {}}
    return {"include-controls": [{"control-id": control.id} for control in report.controls]}


def document(report: Report) -> dict[str, Any]:
    """The Assessment Results as a JSON-ready dict."""
    coverage = report.coverage or Coverage(
        register_version="",
        risks_by_status={},
        mitigations_by_status={},
        risks=[],
        controls=[],
        rollups=[],
        frameworks=[],
        gaps=[],
    )
    return {
        "assessment-results": {
            "uuid": stable_uuid(report, "assessment-results"),
            "metadata": metadata(report, "riskreg AI risk assessment results"),
            "import-ap": {"href": "#" + stable_uuid(report, "plan")},
            "results": [_result(report, coverage)],
            "back-matter": back_matter(report),
        }
    }


def render(report: Report) -> str:
    return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"
