"""SARIF 2.1.0 for GitHub code scanning: one rule per control, one result per failing finding."""

from __future__ import annotations

import json
from typing import Any

from riskreg.models.control import Control, Severity
from riskreg.models.finding import Finding, Outcome, Report

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/riskreg/riskreg"
_LEVEL = {
    Severity.LOW: "note",
    Severity.MEDIUM: "warning",
    Severity.HIGH: "error",
    Severity.CRITICAL: "error",
}
_SECURITY_SEVERITY = {
    Severity.LOW: "3.0",
    Severity.MEDIUM: "5.5",
    Severity.HIGH: "8.0",
    Severity.CRITICAL: "9.5",
}


def _rule(control: Control) -> dict[str, Any]:
    tags = ["ai-risk", *control.mitigates, *sorted(control.frameworks)]
    return {
        "id": control.id,
        "name": control.package.rsplit(".", 1)[-1],
        "shortDescription": {"text": control.title},
        "fullDescription": {"text": control.description},
        "help": {"text": f"{control.description}\nMitigates: {', '.join(control.mitigates)}"},
        "defaultConfiguration": {"level": _LEVEL[control.severity]},
        "properties": {"tags": tags, "security-severity": _SECURITY_SEVERITY[control.severity]},
    }


def _location(finding: Finding) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": finding.file or finding.target}}
    if finding.line:
        region = {"startLine": finding.line}
        if finding.column:
            region["startColumn"] = finding.column
        physical["region"] = region
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.resource:
        # A JSON Pointer joins as a URI fragment; an older dotted path with a dot.
        field = (
            f"#{finding.pointer}" if finding.pointer else f".{finding.path}" if finding.path else ""
        )
        location["logicalLocations"] = [{"fullyQualifiedName": f"{finding.resource}{field}"}]
    return location


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    level = "warning" if finding.outcome is Outcome.WARN else _LEVEL[finding.severity]
    return {
        "ruleId": finding.control_id,
        "ruleIndex": rule_index,
        "level": level,
        "message": {"text": finding.message},
        "locations": [_location(finding)],
        "partialFingerprints": {
            "riskreg/v1": "|".join(
                [finding.control_id, finding.target, finding.resource or "", finding.path or ""]
            )
        },
        "properties": {"mitigations": finding.mitigation_ids, "risks": finding.risk_ids},
    }


def render(report: Report) -> str:
    index = {control.id: position for position, control in enumerate(report.controls)}
    results = [
        _result(finding, index[finding.control_id])
        for finding in report.findings
        if finding.outcome in (Outcome.FAIL, Outcome.WARN)
    ]
    errors = list(report.errors) + [
        f"{finding.control_id} on {finding.target}: {finding.message}"
        for finding in report.findings
        if finding.outcome is Outcome.ERROR
    ]
    invocation = {
        "executionSuccessful": not errors,
        "toolExecutionNotifications": [
            {"level": "error", "message": {"text": text}} for text in errors
        ],
    }
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "riskreg",
                        "version": report.tool.version,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(control) for control in report.controls],
                    }
                },
                "invocations": [invocation],
                "results": results,
                # riskreg counts columns in characters, not UTF-16 units (SARIF's default).
                "columnKind": "unicodeCodePoints",
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
