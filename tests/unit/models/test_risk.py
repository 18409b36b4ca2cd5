"""Schema 2 of a register file: team-owned mitigations with control links; governance moved out."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from riskreg.models.risk import Mitigation, RegisterFile


def mitigation(mid: str, **extra: Any) -> dict[str, Any]:
    return {"id": mid, "title": "t", "description": "d", **extra}


def test_team_mitigation_may_link_controls() -> None:
    team = Mitigation.model_validate(mitigation("mit1163.t1", controls=["NET-001"]))
    assert team.team_owned and team.controls == ["NET-001"]
    assert not Mitigation.model_validate(mitigation("mit1163.m1")).team_owned


def test_source_mitigation_may_not_link_controls() -> None:
    with pytest.raises(ValidationError, match="only a team-owned mitigation"):
        Mitigation.model_validate(mitigation("mit1163.m1", controls=["NET-001"]))


def test_control_ids_are_checked() -> None:
    with pytest.raises(ValidationError):
        Mitigation.model_validate(mitigation("mit1163.t1", controls=["net-1"]))
    with pytest.raises(ValidationError, match="appears twice"):
        Mitigation.model_validate(mitigation("mit1163.t1", controls=["NET-001", "NET-001"]))


def test_schema_versions() -> None:
    risk = {"id": "mit1163", "title": "t", "governance": {"owner": "ana"}}
    assert RegisterFile.model_validate({"schema_version": 1, "risks": [risk]})
    with pytest.raises(ValidationError, match="governance: schema 2 keeps"):
        RegisterFile.model_validate({"schema_version": 2, "risks": [risk]})
    team = {"id": "mit1163", "title": "t", "mitigations": [mitigation("mit1163.t1")]}
    with pytest.raises(ValidationError, match="need schema_version 2"):
        RegisterFile.model_validate({"schema_version": 1, "risks": [team]})
    assert RegisterFile.model_validate({"risks": [team]}).schema_version == 2
    with pytest.raises(ValidationError):
        RegisterFile.model_validate({"schema_version": 3})
