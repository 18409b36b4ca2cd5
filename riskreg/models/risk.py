"""The risk register's records: risks, their mitigations, taxonomy codes, provenance, governance."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated

from pydantic import Field, PrivateAttr, StringConstraints, field_validator, model_validator

from riskreg.models.base import Frozen
from riskreg.models.control import ControlId

RISK_ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"
# `.mN` are the source's mitigations (importers number them); `.tN` are a team's own, which no
# importer ever writes, so a later import can neither renumber nor overwrite them.
MITIGATION_ID_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.[mt][1-9][0-9]*$"
TEAM_MITIGATION_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\.t[1-9][0-9]*$"
REGISTER_SCHEMA_VERSION = 2

RiskId = Annotated[str, StringConstraints(pattern=RISK_ID_PATTERN, max_length=64)]
MitigationId = Annotated[str, StringConstraints(pattern=MITIGATION_ID_PATTERN, max_length=72)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class Coded(Frozen):
    """A taxonomy value as MIT writes it: a code and a label, e.g. `2` / `AI` from `2 - AI`."""

    code: NonEmpty
    label: NonEmpty

    @classmethod
    def parse(cls, text: str) -> Coded:
        """Read MIT's `2 - Post-deployment` notation; raises ValueError when it is not that shape."""
        match = re.fullmatch(r"\s*([0-9X]+)\s*-\s*(.+?)\s*", text)
        if not match:
            raise ValueError(f"expected 'CODE - Label', got {text!r}")
        return cls(code=match.group(1), label=match.group(2))

    def __str__(self) -> str:
        return f"{self.code} - {self.label}"


class Domain(Frozen):
    """An MIT domain (`7` / `AI System Safety, Failures, & Limitations`)."""

    code: NonEmpty
    name: NonEmpty

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"


class Subdomain(Frozen):
    """An MIT subdomain (`7.2` / `AI possessing dangerous capabilities`)."""

    code: NonEmpty
    name: NonEmpty

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class CausalTaxonomy(Frozen):
    """The MIT causal taxonomy of a risk: who causes it, whether on purpose, and when."""

    entity: Coded
    intent: Coded
    timing: Coded


class Source(Frozen):
    """Where a risk record came from, precise enough for an auditor to find the row again."""

    repository: NonEmpty = "MIT AI Risk Repository"
    version: str | None = None
    release_date: dt.date | None = None
    ev_id: str | None = Field(default=None, description="MIT Ev_ID, e.g. 62.28.02 (not unique)")
    quickref: str | None = Field(
        default=None, description="MIT QuickRef of the paper, e.g. Gipiškis2024"
    )
    paper_title: str | None = None
    file: str | None = Field(default=None, description="File name the record was imported from")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    row: int | None = Field(default=None, ge=1, description="Sheet or CSV row number")
    page: str | None = Field(
        default=None,
        description="Page of the paper defining the risk, as text ('5-6', 'Appendix 7.2')",
    )


class Attestation(Frozen):
    """A person's statement that a mitigation is in place without an automated control."""

    by: NonEmpty
    date: dt.date
    evidence: NonEmpty = Field(description="Link or path to the evidence")
    note: str | None = None


class Mitigation(Frozen):
    """One mitigation strategy of a risk, with a stable id in source order (`mit1163.m1`)."""

    id: MitigationId
    title: NonEmpty
    description: NonEmpty
    references: list[str] = Field(
        default_factory=list,
        description="Source notes kept as data, e.g. ['Source 3', 'Source 11'] or ['[138]']",
    )
    catalogue_ids: list[str] = Field(
        default_factory=list,
        description="Links to the MIT AI Risk Mitigation Database (Action IDs such as A0086_...)",
    )
    attestation: Attestation | None = None
    controls: list[ControlId] = Field(
        default_factory=list,
        description="Controls that enforce a team-owned mitigation (`<risk>.tN`), linked from the "
        "register side; a source mitigation's controls come only from the controls' METADATA",
    )

    @property
    def team_owned(self) -> bool:
        """Whether a team wrote this mitigation (`<risk>.tN`) rather than an importer."""
        return re.fullmatch(TEAM_MITIGATION_PATTERN, self.id) is not None

    @model_validator(mode="after")
    def _links_only_for_team_mitigations(self) -> Mitigation:
        if self.controls and not self.team_owned:
            raise ValueError(
                f"controls: only a team-owned mitigation (<risk>.tN) links controls here; "
                f"{self.id}'s controls come from the controls' METADATA `mitigates`"
            )
        if len(set(self.controls)) != len(self.controls):
            raise ValueError("controls: a control appears twice")
        return self


class Treatment(str, Enum):
    """How the risk owner has decided to treat the risk (ISO 31000 vocabulary)."""

    MITIGATE = "mitigate"
    ACCEPT = "accept"
    TRANSFER = "transfer"
    AVOID = "avoid"


class Level(str, Enum):
    """A five-step scale for likelihood and impact."""

    VERY_LOW = "very-low"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very-high"


class Governance(Frozen):
    """Fields a risk owner fills in; all optional because an import does not know them."""

    owner: str | None = None
    likelihood: Level | None = None
    impact: Level | None = None
    treatment: Treatment | None = None
    rationale: str | None = None
    review_date: dt.date | None = None

    @model_validator(mode="after")
    def _treatment_needs_rationale(self) -> Governance:
        if self.treatment in (Treatment.ACCEPT, Treatment.TRANSFER) and not self.rationale:
            raise ValueError(f"treatment '{self.treatment.value}' needs a rationale")
        return self


class Risk(Frozen):
    """One risk of the register, with its taxonomy coding, provenance and mitigations."""

    id: RiskId
    title: NonEmpty
    description: str = Field(default="", description="Empty when the source gives none")
    domain: Domain | None = None
    subdomain: Subdomain | None = None
    causal: CausalTaxonomy | None = None
    source: Source | None = None
    additional_evidence: list[str] = Field(default_factory=list)
    mitigations: list[Mitigation] = Field(default_factory=list)
    governance: Governance = Field(default_factory=Governance)

    @model_validator(mode="after")
    def _mitigation_ids_belong_to_risk(self) -> Risk:
        seen: set[str] = set()
        for mitigation in self.mitigations:
            prefix = mitigation.id.rsplit(".", 1)[0]
            if prefix != self.id:
                raise ValueError(f"mitigation {mitigation.id} does not belong to risk {self.id}")
            if mitigation.id in seen:
                raise ValueError(f"mitigation id {mitigation.id} appears twice")
            seen.add(mitigation.id)
        return self

    @field_validator("subdomain")
    @classmethod
    def _subdomain_shape(cls, value: Subdomain | None) -> Subdomain | None:
        if value is not None and not re.fullmatch(r"[0-9X]+\.[0-9]+", value.code):
            raise ValueError(f"subdomain code {value.code!r} is not like '7.2'")
        return value


class RegisterFile(Frozen):
    """The content of one `risks/*.yaml` file.

    Schema 2 adds team-owned mitigations (`<risk>.tN`, with `controls`) and moves `governance`
    out of the risk, into the assessments of each AI system (`systems/<id>.yaml`): a risk's owner,
    likelihood and impact depend on the system it is assessed for. Schema 1 files still load;
    `riskreg register migrate` rewrites them.
    """

    schema_version: Annotated[int, Field(ge=1, le=REGISTER_SCHEMA_VERSION)] = (
        REGISTER_SCHEMA_VERSION
    )
    risks: list[Risk] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fields_of_the_version(self) -> RegisterFile:
        for risk in self.risks:
            if self.schema_version >= 2 and risk.governance != Governance():
                raise ValueError(
                    f"{risk.id}: governance: schema 2 keeps owner, likelihood and impact per AI "
                    "system in systems/<id>.yaml (riskreg register migrate moves them)"
                )
            team = [m.id for m in risk.mitigations if m.team_owned]
            if self.schema_version < 2 and team:
                raise ValueError(f"{team[0]}: team-owned mitigations need schema_version 2")
        return self


def risk_sort_key(risk_id: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of ids, so `mit2` comes before `mit10` and `acme-9` before `acme-10`."""
    parts: list[tuple[int, int | str]] = [
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", risk_id)
        if part
    ]
    return tuple(parts)


class Register(Frozen):
    """The whole register as other layers see it: every risk, sorted by id, and a content digest."""

    risks: list[Risk]
    version: str = Field(description="Short sha256 of the register content; changes with any edit")
    _by_id: dict[str, Risk] = PrivateAttr(default_factory=dict)
    _by_mitigation: dict[str, list[str]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        """Index risks and mitigations once; the model is frozen, so the index never goes stale."""
        self._by_id = {risk.id: risk for risk in self.risks}
        for risk in self.risks:
            for mitigation in risk.mitigations:
                self._by_mitigation.setdefault(mitigation.id, []).append(risk.id)

    def risk(self, risk_id: str) -> Risk | None:
        """The risk with this id, or None."""
        return self._by_id.get(risk_id)

    def mitigation_ids(self) -> set[str]:
        """Every mitigation id of every risk."""
        return set(self._by_mitigation)

    def risk_ids_for_mitigation(self, mitigation_id: str) -> list[str]:
        """The ids of the risks a mitigation belongs to (one, unless the register is inconsistent)."""
        return list(self._by_mitigation.get(mitigation_id, []))
