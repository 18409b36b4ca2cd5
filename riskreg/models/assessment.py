"""One register risk as assessed for one AI system: owner, inherent scores, and the treatment."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from riskreg.models.base import Frozen
from riskreg.models.criteria import Label
from riskreg.models.risk import MitigationId, RiskId, Treatment
from riskreg.models.workflow import NonEmpty

Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]

# The fields each decision needs, and the only decision-specific fields it may carry.
_NEEDS: dict[Treatment, tuple[str, ...]] = {
    Treatment.MITIGATE: ("mitigations",),
    Treatment.ACCEPT: ("approver", "approved", "expires", "rationale"),
    Treatment.TRANSFER: ("transfer_to", "rationale"),
    Treatment.AVOID: ("rationale",),
}
_SPECIFIC = ("approver", "approved", "expires", "transfer_to")


class Assessment(Frozen):
    """Inherent likelihood and impact (labels of the register's scale), who judged, and when."""

    likelihood: Label
    impact: Label
    assessor: NonEmpty
    date: dt.date
    next_review: dt.date = Field(description="When the assessment is due again")

    @model_validator(mode="after")
    def _review_after_assessment(self) -> Assessment:
        if self.next_review < self.date:
            raise ValueError(f"next_review {self.next_review} is before date {self.date}")
        return self


class RiskTreatment(Frozen):
    """The decision on a risk and what it rests on.

    `mitigations` are the measures relied on (any decision may list them; `mitigate` needs one);
    their assurance, not the decision, lowers residual risk. `accept` is the only decision that
    lets a residual above the system's appetite pass: approver, approval date, expiry (the last day
    it applies, as for a waiver) and rationale are required. `transfer` names to whom; `avoid` and
    `transfer` need a rationale.
    """

    decision: Treatment
    mitigations: list[MitigationId] = Field(default_factory=list)
    rationale: Text | None = None
    approver: NonEmpty | None = None
    approved: dt.date | None = None
    expires: dt.date | None = None
    transfer_to: NonEmpty | None = None

    @model_validator(mode="after")
    def _fields_of_the_decision(self) -> RiskTreatment:
        needs = _NEEDS[self.decision]
        for name in needs:
            if getattr(self, name) in (None, []):
                raise ValueError(f"{name}: required when the decision is {self.decision.value}")
        for name in _SPECIFIC:
            if name not in needs and getattr(self, name) is not None:
                raise ValueError(
                    f"{name}: only for a decision that needs it, not {self.decision.value}"
                )
        if self.approved and self.expires and self.expires < self.approved:
            raise ValueError(f"expires {self.expires} is before approved {self.approved}")
        if len(set(self.mitigations)) != len(self.mitigations):
            raise ValueError("mitigations: a mitigation appears twice")
        return self


class RiskEntry(Frozen):
    """A risk in a system's scope as the team recorded it; absent fields are not yet decided."""

    risk: RiskId
    owner: NonEmpty | None = None
    assessment: Assessment | None = None
    treatment: RiskTreatment | None = None
    note: str | None = Field(default=None, description="Free text, e.g. what a migration kept")

    @model_validator(mode="after")
    def _mitigations_of_the_risk(self) -> RiskEntry:
        for mitigation in self.treatment.mitigations if self.treatment else []:
            if mitigation.rsplit(".", 1)[0] != self.risk:
                raise ValueError(f"mitigation {mitigation} does not belong to risk {self.risk}")
        return self
