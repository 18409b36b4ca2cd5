"""CI-workflow records: waivers with expiry, baselines, recorded runs and runtime decision evidence."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Protocol

from pydantic import Field, PrivateAttr, StringConstraints, model_validator

from riskreg.models.base import Frozen

NonEmpty = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]
ControlPattern = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9*?\[\]-]+$", max_length=64)]
DEFAULT_WARN_DAYS = 14  # also riskreg.config.DEFAULTS['waiver_warn_days'], the setting's default


class Waiver(Frozen):
    """An approved, time-boxed exception: failures of `control` on matching targets are waived."""

    control: ControlPattern = Field(description="Control id, e.g. NET-001 (glob allowed: NET-*)")
    target: NonEmpty = Field(default="*", description="Target name glob, e.g. deployments/chat*")
    resource: str | None = Field(default=None, description="Resource glob (Kind/namespace/name)")
    reason: NonEmpty
    approver: NonEmpty = Field(description="Who accepted the risk; required")
    created: dt.date
    expires: dt.date = Field(description="Last day the waiver applies; required")
    risk: str | None = Field(default=None, description="Risk id whose acceptance this records")
    link: str | None = Field(default=None, description="Ticket or risk-acceptance record")

    @model_validator(mode="after")
    def _expires_after_created(self) -> Waiver:
        if self.expires < self.created:
            raise ValueError(f"expires {self.expires} is before created {self.created}")
        return self

    @property
    def label(self) -> str:
        """How messages name the waiver: control and target pattern."""
        return f"{self.control} on {self.target}"


class WaiversFile(Frozen):
    """The content of a waivers file (`risks/waivers.yaml` by default)."""

    schema_version: Annotated[int, Field(ge=1, le=1)] = 1
    waivers: list[Waiver] = Field(default_factory=list)


class WaiverState(str, Enum):
    """Where a waiver stands on the run's date."""

    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"


def expiry_state(
    expires: dt.date, today: dt.date, warn_days: int = DEFAULT_WARN_DAYS
) -> WaiverState:
    """Expired after the `expires` day; expiring when at most `warn_days` days are left.

    Shared by waivers (of a finding) and risk acceptances (of a risk for a system).
    """
    days_left = (expires - today).days
    if days_left < 0:
        return WaiverState.EXPIRED
    if days_left <= warn_days:
        return WaiverState.EXPIRING
    return WaiverState.ACTIVE


class WaiverStatus(Frozen):
    """A waiver as one run saw it: its state, days left and how many findings it waived."""

    waiver: Waiver
    state: WaiverState
    days_left: int
    matched: int = 0


FindingKey = tuple[str, str, str, str]


class Keyed(Protocol):
    """Anything with a finding's identity fields (a Finding or a BaselineEntry)."""

    @property
    def control_id(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def resource(self) -> str | None: ...
    @property
    def path(self) -> str | None: ...


def finding_key(item: Keyed) -> FindingKey:
    """The stable identity of a finding: control, target, resource, path; never the message."""
    return (item.control_id, item.target, item.resource or "", item.path or "")


class BaselineEntry(Frozen):
    """A known failing finding, keyed stably on control, target, resource and path (never message)."""

    control_id: str
    target: str
    resource: str | None = None
    path: str | None = None

    @property
    def key(self) -> FindingKey:
        return finding_key(self)


class Baseline(Frozen):
    """The failing findings accepted as known on a given day (`riskreg baseline update`)."""

    schema_version: Annotated[int, Field(ge=1, le=1)] = 1
    generated_at: dt.datetime
    entries: list[BaselineEntry] = Field(default_factory=list)


class BaselineInfo(Frozen):
    """How a run compares with the baseline: new failures fail the gate, known ones do not."""

    file: str
    new: list[BaselineEntry] = Field(default_factory=list)
    known: list[BaselineEntry] = Field(default_factory=list)
    fixed: list[BaselineEntry] = Field(default_factory=list)
    _known_keys: set[FindingKey] = PrivateAttr(default_factory=set)

    def model_post_init(self, context: object, /) -> None:
        self._known_keys = {entry.key for entry in self.known}

    def is_known(self, finding: Keyed) -> bool:
        """Whether a failing finding is in the baseline (so it does not fail the gate)."""
        return finding_key(finding) in self._known_keys


class RunTrend(Frozen):
    """The change since the previous recorded run, shown in reports."""

    previous_run: int
    previous_at: dt.datetime
    failing_delta: int
    passing_controls_delta: int


class RunRecord(Frozen):
    """One recorded `check` or `report` run, as the history store lists it."""

    id: int
    recorded_at: dt.datetime
    command: str
    passed_gate: bool
    fail_on: str
    riskreg_version: str
    opa_version: str | None
    policy_digest: str
    register_version: str
    targets: int
    controls: int
    passing_controls: int
    failing: int
    warnings: int
    waived: int
    errors: int

    @property
    def coverage(self) -> float:
        """Share of controls with no failing finding on any target."""
        return self.passing_controls / self.controls if self.controls else 0.0


class ControlEvidence(Frozen):
    """Runtime evidence of one control from OPA decision logs: how often it denied and passed."""

    control: str = Field(description="Control id when known, else its package key")
    package_key: str
    deny: int = 0
    passed: int = 0
    first_seen: dt.datetime | None = None
    last_seen: dt.datetime | None = None


class RuntimeEvidence(Frozen):
    """Decision logs folded per control, for coverage to show which controls run in production."""

    decisions: int
    evaluations: int
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None
    servers: list[str] = Field(default_factory=list)
    controls: list[ControlEvidence] = Field(default_factory=list)
    skipped_lines: int = 0
