"""Where each AI system stands: in-scope risks scored before and after its measures, and what is due."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from riskreg.models.assurance import Assurance, RiskStatus
from riskreg.models.base import Frozen
from riskreg.models.criteria import Scale
from riskreg.models.workflow import WaiverState


class MitigationState(Frozen):
    """A mitigation of an in-scope risk as assured on one system's own targets."""

    id: str
    title: str
    status: Assurance
    relied_on: bool = Field(
        description="The treatment relies on it, so its assurance lowers the residual risk"
    )
    controls: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)


class SystemRisk(Frozen):
    """One (system, risk) pair: scope, owner, inherent and residual scores, treatment, evidence.

    Scores are labels of the register's scale; they are None while the risk is not assessed.
    """

    system: str
    risk: str
    title: str
    subdomain: str | None = None
    in_scope: bool = True
    exclusion: str | None = Field(default=None, description="Why it is out of scope")
    line: int | None = Field(default=None, description="Line of the entry in the system file")
    owner: str | None = None
    likelihood: str | None = None
    impact: str | None = None
    inherent: str | None = Field(default=None, description="Level of likelihood x impact")
    residual_likelihood: str | None = None
    residual_impact: str | None = None
    residual: str | None = Field(default=None, description="Level after verified measures")
    appetite: str
    above_appetite: bool = False
    accepted: bool = Field(default=False, description="An acceptance is valid on the run's day")
    breach: bool = Field(default=False, description="Above appetite and not accepted")
    treatment: str | None = Field(default=None, description="mitigate | accept | transfer | avoid")
    rationale: str | None = None
    approver: str | None = None
    expires: dt.date | None = Field(default=None, description="Last day an acceptance applies")
    transfer_to: str | None = None
    assessor: str | None = None
    assessed: dt.date | None = None
    next_review: dt.date | None = None
    review_overdue: bool = False
    status: RiskStatus = RiskStatus.UNCOVERED
    mitigations: list[MitigationState] = Field(default_factory=list)


class ExcludedRisks(Frozen):
    """An exclusion of the system's scope, its rationale, and how many register risks it removes."""

    rule: str = Field(description="The risk id, or the taxonomy values, e.g. `domain 4`")
    rationale: str
    risks: int


class SystemCoverage(Frozen):
    """One AI system: what it is, the targets that are its evidence, and its risks."""

    id: str
    name: str
    purpose: str
    owner: str
    lifecycle: str
    role: str
    classification: str = Field(description="EU AI Act class, or `unclassified`")
    annex_iii_area: str | None = None
    classification_rationale: str | None = None
    appetite: str
    implicit: bool = Field(default=False, description="The register defines no systems")
    file: str | None = Field(default=None, description="The system file")
    deployments: list[str] = Field(default_factory=list, description="Declared AIDeployments")
    target_patterns: list[str] = Field(default_factory=list, description="Declared target globs")
    targets: list[str] = Field(default_factory=list, description="Evaluated targets it claims")
    in_scope: int
    not_assessed: list[str] = Field(default_factory=list)
    risks_by_status: dict[str, int]
    mitigations_by_status: dict[str, int]
    inherent_by_level: dict[str, int]
    residual_by_level: dict[str, int]
    inherent_map: list[list[int]] = Field(
        description="Assessed risks per likelihood (rows, lowest first) x impact (columns)"
    )
    residual_map: list[list[int]]
    breaches: list[str] = Field(default_factory=list, description="Risks above appetite")
    excluded: list[ExcludedRisks] = Field(default_factory=list)
    risks: list[SystemRisk] = Field(default_factory=list)


class SystemSummary(Frozen):
    """One line of `riskreg systems list`: the inventory and the size of its assessment."""

    id: str
    name: str
    classification: str
    annex_iii_area: str | None = None
    lifecycle: str
    role: str
    owner: str
    appetite: str
    file: str | None = None
    deployments: list[str] = Field(default_factory=list)
    target_patterns: list[str] = Field(default_factory=list)
    in_scope: int
    assessed: int
    above_appetite_inherent: int = Field(
        description="Assessed risks whose inherent level is above the appetite"
    )
    accepted: int = Field(description="Acceptances valid on the day")
    overdue_reviews: int


class TargetClaim(Frozen):
    """An evaluated target and the systems claiming it (none: unowned evidence)."""

    target: str
    deployments: list[str] = Field(default_factory=list)
    systems: list[str] = Field(default_factory=list)


class ReviewDue(Frozen):
    """An assessment whose next review date has passed."""

    system: str
    risk: str
    due: dt.date
    days_overdue: int
    assessor: str


class AcceptanceState(Frozen):
    """A risk acceptance as seen on the run's day (the waivers' states and warning window)."""

    system: str
    risk: str
    approver: str
    expires: dt.date
    state: WaiverState
    days_left: int


class SystemsCoverage(Frozen):
    """The per-system section of coverage and reports."""

    scale: Scale
    systems: list[SystemCoverage]
    unassessed: dict[str, int] = Field(
        default_factory=dict,
        description="Register risks no system scopes, per MIT subdomain code: not gaps",
    )
    targets: list[TargetClaim] = Field(default_factory=list)
    unowned_targets: list[str] = Field(default_factory=list)
    overdue_reviews: list[ReviewDue] = Field(default_factory=list)
    acceptances: list[AcceptanceState] = Field(default_factory=list)

    @property
    def unassessed_total(self) -> int:
        return sum(self.unassessed.values())


class ResidualPosition(Frozen):
    """A (system, risk) pair above the system's appetite, as the residual gate reports it."""

    system: str
    risk: str
    title: str
    residual: str
    appetite: str
    residual_likelihood: str
    residual_impact: str
    likelihood: str = Field(description="Inherent likelihood")
    impact: str = Field(description="Inherent impact")
    inherent: str
    treatment: str | None = None
    owner: str | None = None
    approver: str | None = None
    expires: dt.date | None = None
    file: str | None = Field(default=None, description="The system file")
    line: int | None = None


class ResidualGate(Frozen):
    """`--gate residual`: fails on a residual above appetite without a valid acceptance.

    Only systems that claim an evaluated target of the run are judged; the others are named in
    `not_judged` (their evidence was not part of this run).
    """

    passed: bool
    judged: list[str] = Field(default_factory=list)
    not_judged: list[str] = Field(default_factory=list)
    breaches: list[ResidualPosition] = Field(default_factory=list)
    accepted: list[ResidualPosition] = Field(
        default_factory=list, description="Above appetite, with an acceptance valid that day"
    )
