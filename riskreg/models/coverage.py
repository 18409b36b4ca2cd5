"""The coverage result: which risks are covered by which controls, with the reasons as data."""

from __future__ import annotations

from pydantic import Field

from riskreg.models.assurance import Assurance, RiskStatus
from riskreg.models.base import Frozen
from riskreg.models.posture import SystemsCoverage
from riskreg.models.risk import Attestation


class TargetResult(Frozen):
    """What one control concluded on one target (the worst outcome over its resources)."""

    target: str
    outcome: str
    assurance: str | None = Field(
        default=None, description="For pass/warn: verified (real configuration) or attested"
    )
    resources: list[str] = Field(default_factory=list, description="Offending Kind/ns/name")


class ControlCoverage(Frozen):
    """A control as coverage sees it: what it mitigates and its verdict per target."""

    id: str
    title: str
    severity: str
    mitigates: list[str]
    status: Assurance
    results: list[TargetResult] = Field(default_factory=list)


class MitigationCoverage(Frozen):
    """One mitigation of a risk, its status, the controls behind it and why."""

    id: str
    title: str
    status: Assurance
    controls: list[str] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)
    attestation: Attestation | None = None


class Causal(Frozen):
    """MIT causal coding as display text, e.g. entity '2 - AI'."""

    entity: str
    intent: str
    timing: str


class RiskCoverage(Frozen):
    """One risk with its taxonomy, status, reasons and mitigations."""

    id: str
    title: str
    description: str = ""
    domain: str | None = None
    subdomain: str | None = None
    causal: Causal | None = None
    status: RiskStatus
    reasons: list[str] = Field(default_factory=list)
    mitigations: list[MitigationCoverage] = Field(default_factory=list)


class Rollup(Frozen):
    """Risk counts by status for one group (a domain, a subdomain, a causal value)."""

    dimension: str = Field(description="domain | subdomain | entity | intent | timing")
    group: str
    total: int
    by_status: dict[str, int]

    @property
    def covered_percent(self) -> int:
        return round(100 * self.by_status.get(RiskStatus.COVERED.value, 0) / self.total)


class ClauseCoverage(Frozen):
    """One framework clause cited by controls' METADATA, with the verdict of those controls."""

    framework: str
    clause: str
    controls: list[str]
    status: Assurance


class FrameworkCoverage(Frozen):
    """Per framework: how many of the clauses the controls cite are verified, attested, failing."""

    framework: str
    clauses: list[ClauseCoverage]
    by_status: dict[str, int]


class Gap(Frozen):
    """One row of the gap register: a mitigation that is not verified, worst first."""

    risk_id: str
    risk_title: str
    mitigation_id: str | None = Field(description="None when the risk has no mitigation at all")
    mitigation_title: str | None
    status: Assurance
    reasons: list[str]


class Coverage(Frozen):
    """Everything `riskreg coverage` answers, and what reports draw their matrix and gaps from.

    With AI systems in the register, `risks` and `gaps` hold only the risks some system scopes;
    the rest are counted as unassessed in `systems.unassessed`.
    """

    register_version: str
    risks_by_status: dict[str, int]
    mitigations_by_status: dict[str, int]
    risks: list[RiskCoverage]
    controls: list[ControlCoverage]
    rollups: list[Rollup]
    frameworks: list[FrameworkCoverage]
    gaps: list[Gap]
    systems: SystemsCoverage | None = Field(
        default=None,
        description="Per AI system: in-scope risks with inherent and residual scores, the "
        "assurance of each mitigation on the system's own targets, and what is due",
    )

    def rollups_for(self, dimension: str) -> list[Rollup]:
        return [rollup for rollup in self.rollups if rollup.dimension == dimension]
