"""The AI system inventory model and the system file."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from riskreg.models.system import AiActClassification, AISystem, Evidence, SystemFile

SYSTEM: dict[str, Any] = {
    "id": "coding-agent",
    "name": "Coding agent",
    "purpose": "Writes code",
    "owner": "team-dev",
    "lifecycle": "operation",
    "role": "deployer",
    "eu_ai_act": {"classification": "minimal", "rationale": "internal developer tool"},
    "evidence": {"deployments": ["dev-tools/coding-agent"], "targets": ["*/coding-agent"]},
    "appetite": "medium",
}


def test_valid_system() -> None:
    system = AISystem.model_validate(SYSTEM)
    assert system.evidence.deployments == ["dev-tools/coding-agent"]


def test_high_risk_needs_its_annex_iii_area() -> None:
    with pytest.raises(ValidationError, match="annex_iii_area: required"):
        AiActClassification.model_validate({"classification": "high-risk", "rationale": "r"})
    ok = AiActClassification.model_validate(
        {"classification": "high-risk", "annex_iii_area": "employment", "rationale": "CV triage"}
    )
    assert ok.annex_iii_area is not None
    with pytest.raises(ValidationError, match="only for a high-risk"):
        AiActClassification.model_validate(
            {"classification": "minimal", "annex_iii_area": "employment", "rationale": "r"}
        )


@pytest.mark.parametrize(
    ("update", "field"),
    [
        ({"lifecycle": "production"}, "lifecycle"),
        ({"role": "user"}, "role"),
        ({"id": "Coding Agent"}, "id"),
        ({"evidence": {"deployments": ["coding-agent"]}}, "deployments"),
        ({"evidence": {"targets": ["a,b"]}}, "targets"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_system_fields(update: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError, match=field):
        AISystem.model_validate({**SYSTEM, **update})


def test_system_file_one_entry_per_risk() -> None:
    with pytest.raises(ValidationError, match="mit1 appears twice"):
        SystemFile.model_validate({"system": SYSTEM, "risks": [{"risk": "mit1"}, {"risk": "mit1"}]})
    content = SystemFile.model_validate(
        {"system": SYSTEM, "risks": [{"risk": "mit1", "owner": "x"}]}
    )
    assert content.entry("mit1") is not None and content.entry("mit2") is None


def test_evidence_defaults_empty() -> None:
    assert Evidence().targets == [] and Evidence().deployments == []
