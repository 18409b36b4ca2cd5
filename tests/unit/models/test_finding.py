"""Finding.trusted builds what pydantic's model_construct builds, without its per-field loop."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from riskreg.models.control import Severity
from riskreg.models.finding import Finding, Outcome

VALUES: dict[str, Any] = {
    "control_id": "RR-NET-001",
    "target": "examples/deployments/a",
    "outcome": Outcome.FAIL,
    "severity": Severity.HIGH,
    "mitigation_ids": ["mit1163.m1"],
    "risk_ids": ["mit1163"],
    "message": "egress is open",
    "resource": "NetworkPolicy/agents/a",
    "path": "/spec/egress/0",
    "pointer": "/spec/egress/0",
    "file": "a/k8s.yaml",
    "line": 12,
    "column": 5,
    "assurance": None,
    "enforcement": None,
}


def test_trusted_matches_model_construct_on_every_field() -> None:
    assert set(VALUES) == set(Finding.model_fields)
    trusted = Finding.trusted(dict(VALUES))
    built = Finding.model_construct(set(Finding.model_fields), **VALUES)
    assert trusted == built
    assert trusted.model_dump() == built.model_dump() == Finding.model_validate(VALUES).model_dump()
    assert trusted.model_dump_json() == built.model_dump_json()
    assert trusted.model_fields_set == built.model_fields_set


def test_trusted_findings_copy_and_stay_frozen() -> None:
    trusted = Finding.trusted(dict(VALUES))
    copied = trusted.model_copy(update={"outcome": Outcome.WAIVED})
    assert copied.outcome is Outcome.WAIVED and trusted.outcome is Outcome.FAIL
    assert Finding.trusted(dict(VALUES)).model_fields_set == set(Finding.model_fields)
    with pytest.raises(ValidationError, match="frozen"):
        trusted.message = "changed"  # type: ignore[misc]
