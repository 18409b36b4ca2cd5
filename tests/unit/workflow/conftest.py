"""Small builders for workflow tests: findings and waivers with only the fields that matter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from riskreg.models.control import Severity
from riskreg.models.finding import Finding, Outcome
from riskreg.models.workflow import Waiver


def finding(
    control: str = "NET-001",
    target: str = "deploy/chat",
    outcome: Outcome = Outcome.FAIL,
    resource: str | None = "Pod/default/p1",
    path: str | None = "spec.hostNetwork",
    message: str = "NET-001: host network",
    severity: Severity = Severity.HIGH,
) -> Finding:
    return Finding(
        control_id=control,
        target=target,
        outcome=outcome,
        severity=severity,
        mitigation_ids=[],
        risk_ids=[],
        message=message,
        resource=resource,
        path=path,
    )


def waiver(**fields: Any) -> Waiver:
    values: dict[str, Any] = {
        "control": "NET-001",
        "target": "deploy/*",
        "reason": "legacy agent needs the host network",
        "approver": "alice@example.com",
        "created": dt.date(2026, 1, 1),
        "expires": dt.date(2026, 3, 1),
    }
    values.update(fields)
    return Waiver.model_validate(values)
