"""The AI systems inventory: what each system is, its EU AI Act class, evidence, scope and risks."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from riskreg.models.assessment import RiskEntry
from riskreg.models.base import Frozen
from riskreg.models.criteria import Label
from riskreg.models.risk import RISK_ID_PATTERN
from riskreg.models.scope import Scope
from riskreg.models.workflow import NonEmpty

SystemId = Annotated[str, StringConstraints(pattern=RISK_ID_PATTERN, max_length=64)]
# An AIDeployment as `namespace/name` (Kubernetes DNS labels).
DeploymentRef = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$"),
]
# A target path or glob (fnmatch; `*` crosses `/`); no comma, so a spreadsheet cell can list them.
TargetGlob = Annotated[str, StringConstraints(pattern=r"^[^,\s][^,]*$", max_length=512)]
SYSTEMS_SCHEMA_VERSION = 1


class Lifecycle(str, Enum):
    """Where the system is in its life (OECD / ISO/IEC 22989 stages)."""

    DESIGN = "design"
    DEVELOPMENT = "development"
    VALIDATION = "validation"
    DEPLOYMENT = "deployment"
    OPERATION = "operation"
    RETIRED = "retired"


class Role(str, Enum):
    """The organisation's role for this system under the EU AI Act (Article 3)."""

    PROVIDER = "provider"
    DEPLOYER = "deployer"
    PROVIDER_AND_DEPLOYER = "provider-and-deployer"
    IMPORTER = "importer"
    DISTRIBUTOR = "distributor"


class AiActClass(str, Enum):
    """EU AI Act risk classes: Article 5, Article 6 with Annex III, Article 50, everything else."""

    PROHIBITED = "prohibited"
    HIGH_RISK = "high-risk"
    TRANSPARENCY = "transparency"
    MINIMAL = "minimal"


class AnnexIIIArea(str, Enum):
    """The eight areas of EU AI Act Annex III."""

    BIOMETRICS = "biometrics"
    CRITICAL_INFRASTRUCTURE = "critical-infrastructure"
    EDUCATION = "education"
    EMPLOYMENT = "employment"
    ESSENTIAL_SERVICES = "essential-services"
    LAW_ENFORCEMENT = "law-enforcement"
    MIGRATION = "migration-asylum-border"
    JUSTICE = "justice-democracy"


class AiActClassification(Frozen):
    """The system's class and why; a high-risk system names its Annex III area."""

    classification: AiActClass
    annex_iii_area: AnnexIIIArea | None = None
    rationale: NonEmpty

    @model_validator(mode="after")
    def _area_iff_high_risk(self) -> AiActClassification:
        high = self.classification is AiActClass.HIGH_RISK
        if high and self.annex_iii_area is None:
            raise ValueError("annex_iii_area: required for a high-risk system")
        if not high and self.annex_iii_area is not None:
            raise ValueError("annex_iii_area: only for a high-risk system")
        return self


class Evidence(Frozen):
    """What belongs to the system: AIDeployments by `namespace/name`, targets by path or glob."""

    deployments: list[DeploymentRef] = Field(default_factory=list)
    targets: list[TargetGlob] = Field(default_factory=list)


class AISystem(Frozen):
    """One AI system of the inventory."""

    id: SystemId
    name: NonEmpty
    purpose: NonEmpty
    owner: NonEmpty
    lifecycle: Lifecycle
    role: Role
    eu_ai_act: AiActClassification | None = Field(
        default=None, description="None until classified; listings show it as unclassified"
    )
    evidence: Evidence = Field(default_factory=Evidence)
    appetite: Label = Field(description="Highest residual level accepted without an acceptance")


class SystemFile(Frozen):
    """The content of `risks/systems/<id>.yaml`: the system, its scope and its assessed risks."""

    schema_version: Annotated[int, Field(ge=1, le=SYSTEMS_SCHEMA_VERSION)] = SYSTEMS_SCHEMA_VERSION
    system: AISystem
    scope: Scope = Field(default_factory=Scope)
    risks: list[RiskEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_entry_per_risk(self) -> SystemFile:
        seen: set[str] = set()
        for entry in self.risks:
            if entry.risk in seen:
                raise ValueError(f"risks: {entry.risk} appears twice")
            seen.add(entry.risk)
        return self

    def entry(self, risk_id: str) -> RiskEntry | None:
        """The recorded entry of a risk, or None."""
        return next((entry for entry in self.risks if entry.risk == risk_id), None)
