"""SARIF 2.1.0 for GitHub code scanning: one rule per control, one result per failing finding."""

from __future__ import annotations

import json
from typing import Any

from riskreg.models.control import Control, Severity
from riskreg.models.finding import Finding, Outcome, Report
from riskreg.models.posture import ResidualGate, ResidualPosition

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/riskreg/riskreg"
_LEVEL = {
    Severity.LOW: "note",
    Severity.MEDIUM: "warning",
    Severity.HIGH: "error",
    Severity.CRITICAL: "error",
}
# The residual gate is no control: its results come from a synthetic rule of riskreg's own.
RESIDUAL_RULE = "RISKREG-RESIDUAL"
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


def _residual_rule() -> dict[str, Any]:
    text = "Residual risk above the AI system's appetite without a valid acceptance"
    return {
        "id": RESIDUAL_RULE,
        "name": "residual-risk-above-appetite",
        "shortDescription": {"text": text},
        "fullDescription": {
            "text": f"{text}: the risk's inherent likelihood x impact, lowered only by the "
            "mitigations verified on the system's own targets, is above the appetite in its "
            "system file (risks/systems/<id>.yaml)."
        },
        "help": {"text": "Verify more of the treatment's mitigations, or record an acceptance."},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["ai-risk", "residual-risk"], "security-severity": "8.0"},
    }


def _residual_result(position: ResidualPosition, rule_index: int, accepted: bool) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": position.file or "risks/systems"}}
    if position.line:
        physical["region"] = {"startLine": position.line}
    result: dict[str, Any] = {
        "ruleId": RESIDUAL_RULE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {
            "text": f"{position.system}: {position.risk} {position.title}: residual "
            f"{position.residual} ({position.residual_likelihood} x {position.residual_impact}) "
            f"is above the appetite {position.appetite}"
        },
        "locations": [
            {
                "physicalLocation": physical,
                "logicalLocations": [{"fullyQualifiedName": f"{position.system}/{position.risk}"}],
            }
        ],
        "partialFingerprints": {
            "riskreg/v1": "|".join([RESIDUAL_RULE, position.system, position.risk])
        },
        "properties": {"system": position.system, "risks": [position.risk]},
    }
    if accepted:
        justification = f"accepted by {position.approver} until {position.expires}"
        result["suppressions"] = [{"kind": "external", "justification": justification}]
    return result


def _residual_results(gate: ResidualGate, rule_index: int) -> list[dict[str, Any]]:
    return [_residual_result(item, rule_index, False) for item in gate.breaches] + [
        _residual_result(item, rule_index, True) for item in gate.accepted
    ]


def render(report: Report) -> str:
    index = {control.id: position for position, control in enumerate(report.controls)}
    rules = [_rule(control) for control in report.controls]
    residual: list[dict[str, Any]] = []
    if report.residual_gate is not None:
        rules.append(_residual_rule())
        residual = _residual_results(report.residual_gate, len(rules) - 1)
    results = [
        _result(finding, index[finding.control_id])
        for finding in report.findings
        if finding.outcome in (Outcome.FAIL, Outcome.WARN)
    ] + residual
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
                        "rules": rules,
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
