"""The scale and its level matrix, and the residual rule's defaults."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from riskreg.models.assurance import Assurance
from riskreg.models.criteria import DEFAULT_MATRIX, Criteria, ResidualRule, Scale


def test_default_scale_is_five_by_five_with_four_levels() -> None:
    scale = Scale()
    assert scale.likelihood[0] == "rare" and scale.likelihood[-1] == "almost-certain"
    assert scale.impact[0] == "negligible" and scale.impact[-1] == "severe"
    assert scale.levels == ["low", "medium", "high", "critical"]
    assert scale.level(scale.rank("likelihood", "likely"), scale.rank("impact", "major")) == "high"
    assert scale.level(4, 4) == "critical" and scale.level(0, 0) == "low"


def test_rank_and_knows() -> None:
    scale = Scale()
    assert scale.rank("levels", "high") == 2
    assert scale.knows("impact", "minor") and not scale.knows("impact", "likely")
    with pytest.raises(KeyError):
        scale.rank("likelihood", "never")


def test_custom_three_by_three_scale() -> None:
    scale = Scale(
        likelihood=["low", "mid", "high"],
        impact=["small", "big", "huge"],
        levels=["green", "red"],
        matrix=[["green", "green", "red"], ["green", "red", "red"], ["red", "red", "red"]],
    )
    assert scale.level(1, 1) == "red"


@pytest.mark.parametrize(
    ("update", "message"),
    [
        ({"matrix": DEFAULT_MATRIX[:4]}, "must be 5 rows of 5 levels"),
        ({"matrix": [[*row[:4], "extreme"] for row in DEFAULT_MATRIX]}, "not one of levels"),
        ({"likelihood": ["a", "b", "c", "d", "a"]}, "appears twice"),
        ({"matrix": [["high", *row[1:]] for row in DEFAULT_MATRIX]}, "level falls"),
        ({"levels": ["only"]}, "at least 2"),
    ],
)
def test_inconsistent_scale_is_rejected(update: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Scale.model_validate({**Scale().model_dump(), **update})


def test_default_rule_credits_verified_only() -> None:
    rule = ResidualRule()
    assert rule.likelihood_steps == {Assurance.VERIFIED: 1}
    assert rule.impact_when == [Assurance.VERIFIED]
    with pytest.raises(ValidationError):
        ResidualRule(likelihood_steps={Assurance.VERIFIED: -1})
    with pytest.raises(ValidationError):
        ResidualRule(impact_steps={"not a mitigation": 1})


def test_criteria_rejects_unknown_keys() -> None:
    with pytest.raises(ValidationError, match="Extra inputs"):
        Criteria.model_validate({"scale": {}, "colour": "red"})
