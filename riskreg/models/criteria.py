"""Risk criteria: the likelihood and impact scale, its level matrix, and the residual-risk rule."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, PrivateAttr, StringConstraints, model_validator

from riskreg.models.assurance import Assurance
from riskreg.models.base import Frozen
from riskreg.models.risk import MitigationId

Label = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _-]*$", max_length=40)]

DEFAULT_LIKELIHOOD = ["rare", "unlikely", "possible", "likely", "almost-certain"]
DEFAULT_IMPACT = ["negligible", "minor", "moderate", "major", "severe"]
DEFAULT_LEVELS = ["low", "medium", "high", "critical"]
# Rows are likelihood (rare first), columns impact (negligible first): the product L x I banded as
# <= 4 low, <= 9 medium, <= 16 high, above critical.
DEFAULT_MATRIX = [
    ["low", "low", "low", "low", "medium"],
    ["low", "low", "medium", "medium", "high"],
    ["low", "medium", "medium", "high", "high"],
    ["low", "medium", "high", "high", "critical"],
    ["medium", "high", "high", "critical", "critical"],
]


class Scale(Frozen):
    """Ordered labels, lowest first, and the level of every (likelihood, impact) pair."""

    likelihood: list[Label] = Field(default_factory=lambda: list(DEFAULT_LIKELIHOOD), min_length=2)
    impact: list[Label] = Field(default_factory=lambda: list(DEFAULT_IMPACT), min_length=2)
    levels: list[Label] = Field(default_factory=lambda: list(DEFAULT_LEVELS), min_length=2)
    matrix: list[list[Label]] = Field(
        default_factory=lambda: [list(row) for row in DEFAULT_MATRIX],
        description="One row per likelihood (lowest first), one column per impact (lowest first)",
    )
    _rank: dict[tuple[str, str], int] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> Scale:
        for name in ("likelihood", "impact", "levels"):
            labels: list[str] = getattr(self, name)
            if len(set(labels)) != len(labels):
                raise ValueError(f"{name}: a label appears twice")
        if len(self.matrix) != len(self.likelihood) or any(
            len(row) != len(self.impact) for row in self.matrix
        ):
            raise ValueError(
                f"matrix: must be {len(self.likelihood)} rows of {len(self.impact)} levels"
            )
        unknown = {cell for row in self.matrix for cell in row} - set(self.levels)
        if unknown:
            raise ValueError(f"matrix: {sorted(unknown)[0]!r} is not one of levels")
        self._check_monotone()
        return self

    def _check_monotone(self) -> None:
        """A higher likelihood or impact never gives a lower level, or residual could rise."""
        rank = {label: index for index, label in enumerate(self.levels)}
        for i, row in enumerate(self.matrix):
            for j, cell in enumerate(row):
                right = j + 1 < len(row) and rank[row[j + 1]] < rank[cell]
                below = i + 1 < len(self.matrix) and rank[self.matrix[i + 1][j]] < rank[cell]
                if right or below:
                    raise ValueError(f"matrix: level falls after row {i + 1}, column {j + 1}")

    def model_post_init(self, context: object, /) -> None:
        """Index the labels once; the model is frozen."""
        for kind in ("likelihood", "impact", "levels"):
            for index, label in enumerate(getattr(self, kind)):
                self._rank[(kind, label)] = index

    def rank(self, kind: str, label: str) -> int:
        """0-based position of `label` in `likelihood`, `impact` or `levels`; KeyError if absent."""
        return self._rank[(kind, label)]

    def knows(self, kind: str, label: str) -> bool:
        """Whether `label` is on the `kind` axis (`likelihood`, `impact` or `levels`)."""
        return (kind, label) in self._rank

    def level(self, likelihood: int, impact: int) -> str:
        """The level label of 0-based likelihood and impact ranks."""
        return self.matrix[likelihood][impact]


class ResidualRule(Frozen):
    """How mitigation assurance lowers inherent risk; only evidence lowers it, never a plan.

    Each mitigation the treatment relies on lowers likelihood by `likelihood_steps[state]` levels
    (a state not listed lowers nothing); a mitigation named in `impact_steps` also lowers impact by
    that many levels when its state is one of `impact_when`. Neither falls below the lowest level.
    """

    likelihood_steps: dict[Assurance, Annotated[int, Field(ge=0)]] = Field(
        default_factory=lambda: {Assurance.VERIFIED: 1}
    )
    impact_steps: dict[MitigationId, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    impact_when: list[Assurance] = Field(default_factory=lambda: [Assurance.VERIFIED])


class Criteria(Frozen):
    """The content of `risks/criteria.yaml`; absent, every default applies."""

    schema_version: Annotated[int, Field(ge=1, le=1)] = 1
    scale: Scale = Field(default_factory=Scale)
    residual: ResidualRule = Field(default_factory=ResidualRule)


class Score(Frozen):
    """A position on the scale: likelihood, impact and the level the matrix gives them."""

    likelihood: str
    impact: str
    level: str
