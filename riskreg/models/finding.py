"""Findings and the versioned report every output format is rendered from."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from pydantic import Field

from riskreg.models.base import Frozen
from riskreg.models.control import Control, Severity
from riskreg.models.coverage import Coverage
from riskreg.models.gate import Gate
from riskreg.models.posture import ResidualGate
from riskreg.models.provenance_pack import ControlPack
from riskreg.models.workflow import BaselineInfo, RunTrend, WaiverStatus

# 2: evaluated targets with their AIDeployments, the gates, the residual gate, and coverage per
# AI system (inherent and residual risk, assurance per system, unassessed counts, what is due).
# 3: the control pack that ran (revision, digest, signature, key id, unsigned additions).
REPORT_SCHEMA_VERSION = 3


class Outcome(str, Enum):
    """The verdict of one control on one target (or one resource of it)."""

    PASS = "pass"  # noqa: S105 - an outcome, not a password
    FAIL = "fail"
    WARN = "warn"
    SKIP = "skip"
    ERROR = "error"
    WAIVED = "waived"  # a failure an active waiver covers: reported, but does not fail the gate


class Finding(Frozen):
    """One control x target verdict; failing controls give one finding per offending resource."""

    control_id: str
    target: str
    outcome: Outcome
    severity: Severity
    mitigation_ids: list[str]
    risk_ids: list[str]
    message: str
    resource: str | None = Field(default=None, description="Kind/namespace/name")
    path: str | None = Field(
        default=None, description="JSON Pointer (RFC 6901) to the field inside the document"
    )
    pointer: str | None = Field(
        default=None, description="RFC 6901 JSON Pointer of the offending field in its document"
    )
    file: str | None = None
    line: int | None = Field(default=None, description="1-based line of the offending field")
    column: int | None = Field(default=None, description="1-based column of the offending field")
    assurance: str | None = Field(
        default=None,
        description="For a pass: verified (real configuration was evaluated) or attested "
        "(only self-declared fields were)",
    )
    enforcement: str | None = Field(
        default=None,
        description="'warn' when a failure is reported as a warning because its control's "
        "enforcement action is warn",
    )

    @classmethod
    def trusted(cls, values: dict[str, Any]) -> Finding:
        """A finding from values already typed and checked, every field given, without validation.

        What `model_construct(fields_set, **values)` builds, without its per-field loop: a run
        makes one finding per control and target (42,000 at 1,000 targets), where that loop cost
        8 us each. It holds only while the model has no private attributes and no extra fields
        (checked here) and pydantic keeps these slots (tests/unit/models/test_finding.py
        compares the two on every field)."""
        if cls.__private_attributes__ or cls.model_config.get("extra") == "allow":
            return cls.model_construct(_FINDING_FIELDS, **values)
        made = cls.__new__(cls)
        _set(made, "__dict__", values)
        _set(made, "__pydantic_fields_set__", _FINDING_FIELDS)
        _set(made, "__pydantic_extra__", None)
        _set(made, "__pydantic_private__", None)
        return made

    def location(self) -> str:
        """`file:line:col` (as much of it as is known), the form editors and CI logs link to."""
        place = self.file or ""
        if place and self.line:
            place += f":{self.line}"
            if self.column:
                place += f":{self.column}"
        return place

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.control_id, self.target, self.resource or "", self.path or "", self.message)


# Shared by every trusted finding, as model_construct would share a set given to it: pydantic
# copies it before changing it (model_copy), and nothing else does.
_FINDING_FIELDS = set(Finding.model_fields)
_set = object.__setattr__


class GateResult(Frozen):
    """A gate besides the severity threshold (e.g. require-verified), and what failed it."""

    name: str
    passed: bool
    failures: list[str] = Field(default_factory=list)


class Summary(Frozen):
    """Counts of a run, so a reader never has to count findings to know the verdict."""

    targets: int
    controls: int
    by_outcome: dict[str, int]
    failures_by_severity: dict[str, int]
    errors: int
    passed_over: dict[str, int] = Field(
        default_factory=dict,
        description="Files found in folders but not read, by reason (e.g. ci-workflow, helm-chart)",
    )


class ToolInfo(Frozen):
    """What produced the report (versions are injected in tests for byte-stable golden files)."""

    name: str = "riskreg"
    version: str
    opa_version: str | None = None
    engine: str | None = Field(
        default=None,
        description="Where the controls ran: local (an opa this run started), warm (a running "
        "`riskreg serve` whose policies and data matched this run's), remote (--opa-url); "
        "null when nothing was evaluated",
    )


class InputFile(Frozen):
    """A file the report rests on, with its digest, so a reader can verify what was evaluated."""

    kind: str = Field(description="manifest | context | policy | register | report")
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class EvaluatedTarget(Frozen):
    """A target of the run and the AIDeployments in it, by which AI systems claim it."""

    name: str
    deployments: list[str] = Field(default_factory=list, description="namespace/name")


class Report(Frozen):
    """The one versioned report model: a `riskreg check` run, the source of every output format."""

    schema_version: int = REPORT_SCHEMA_VERSION
    tool: ToolInfo
    generated_at: dt.datetime
    fail_on: Severity
    passed_gate: bool = Field(description="Every gate in `gates` passed, and nothing erred")
    summary: Summary
    controls: list[Control]
    findings: list[Finding]
    errors: list[str] = Field(default_factory=list)
    gates: list[GateResult] = Field(
        default_factory=list,
        description="Gates asked for besides the threshold; any failing one fails passed_gate",
    )
    waivers: list[WaiverStatus] = Field(default_factory=list, description="Active/expiring/expired")
    baseline: BaselineInfo | None = Field(default=None, description="New/known/fixed vs --baseline")
    trend: RunTrend | None = Field(default=None, description="Change since the last recorded run")
    # Filled by `riskreg report` / `riskreg coverage`; `check` leaves them empty.
    inputs: list[InputFile] = Field(default_factory=list)
    coverage: Coverage | None = None
    decided_by: list[Gate] = Field(
        default_factory=lambda: [Gate.CONTROLS],
        description="What decides passed_gate and the exit code: controls and/or residual",
    )
    targets: list[EvaluatedTarget] = Field(default_factory=list)
    residual_gate: ResidualGate | None = Field(
        default=None, description="Residual risk against each system's appetite, when computed"
    )
    control_pack: ControlPack | None = Field(
        default=None,
        description="The controls that ran: revision, digest, whether the signature verified "
        "and by which key, and the unsigned additions",
    )
