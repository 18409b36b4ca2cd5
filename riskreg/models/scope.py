"""Which register risks an AI system is assessed against: taxonomy rules, includes and excludes."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from riskreg.models.base import Frozen
from riskreg.models.risk import Coded, Risk, RiskId

Reason = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
TAXONOMY_FIELDS = ("domain", "subdomain", "entity", "intent", "timing")


class Match(Frozen):
    """Taxonomy values a risk must all have; each is a code (`7.2`, `2`) or a label (`AI`).

    Codes compare exactly; labels compare case-insensitively but whole, never as substrings, so
    `entity: AI` does not match `Human`.
    """

    domain: str | None = None
    subdomain: str | None = None
    entity: str | None = None
    intent: str | None = None
    timing: str | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Match:
        if not self.fields():
            raise ValueError(f"a rule names at least one of {', '.join(TAXONOMY_FIELDS)}")
        return self

    def fields(self) -> dict[str, str]:
        """The taxonomy fields the rule sets."""
        values = {name: getattr(self, name) for name in TAXONOMY_FIELDS}
        return {name: value for name, value in values.items() if value is not None}

    def matches(self, risk: Risk) -> bool:
        """Whether the risk has every value the rule names (an uncoded risk matches none)."""
        for name in TAXONOMY_FIELDS:  # a loop, not fields(): this runs per rule and risk
            wanted = getattr(self, name)
            if wanted is not None and not _has(risk, name, wanted):
                return False
        return True


def _has(risk: Risk, name: str, wanted: str) -> bool:
    pair: tuple[str, str] | None
    if name == "domain":
        pair = (risk.domain.code, risk.domain.name) if risk.domain else None
    elif name == "subdomain":
        pair = (risk.subdomain.code, risk.subdomain.name) if risk.subdomain else None
    else:
        coded: Coded | None = getattr(risk.causal, name) if risk.causal else None
        pair = (coded.code, coded.label) if coded else None
    if pair is None:
        return False
    code, label = pair
    return wanted.strip() == code or wanted.strip().casefold() == label.casefold()


class Exclusion(Match):
    """Risks that do not apply to the system, and why: one risk id, or taxonomy values."""

    risk: RiskId | None = None
    rationale: Reason = Field(description="Why the risks do not apply; required")

    @model_validator(mode="after")
    def _not_empty(self) -> Exclusion:
        if (self.risk is None) == (not self.fields()):
            raise ValueError("an exclusion names either one risk or taxonomy values, not both")
        return self

    def excludes(self, risk: Risk) -> bool:
        """Whether this exclusion takes `risk` out of scope."""
        return risk.id == self.risk if self.risk is not None else self.matches(risk)


class Scope(Frozen):
    """Rules and explicit lists deciding which register risks a system is assessed against.

    A risk is in scope when it is included by id, or matches a rule (or `every_risk` is set), and
    no exclusion applies; an exclusion by id beats an include by id, and an include by id beats an
    exclusion by taxonomy. The same id both included and excluded is an error.
    """

    every_risk: bool = Field(default=False, description="Every register risk, as if one rule")
    rules: list[Match] = Field(default_factory=list)
    include: list[RiskId] = Field(default_factory=list)
    exclude: list[Exclusion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_contradiction(self) -> Scope:
        excluded = {item.risk for item in self.exclude if item.risk is not None}
        both = sorted(excluded & set(self.include))
        if both:
            raise ValueError(f"{both[0]} is both included and excluded")
        if len(set(self.include)) != len(self.include):
            raise ValueError("include: a risk id appears twice")
        return self

    def covers(self, risk: Risk) -> bool:
        """Whether `risk` is in scope (see the class docstring for precedence)."""
        if any(item.risk == risk.id for item in self.exclude):
            return False
        if risk.id in self.include:
            return True
        if any(item.risk is None and item.matches(risk) for item in self.exclude):
            return False
        return self.every_risk or any(rule.matches(risk) for rule in self.rules)
