"""The `AIDeployment` manifest (`riskreg/v1`): what an AI system's deployment declares about its controls."""

from __future__ import annotations

import datetime as dt
import types
import typing
from enum import Enum
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

from riskreg.models.base import Frozen
from riskreg.models.severity import Severity

API_VERSION = "riskreg/v1"
KIND = "AIDeployment"

NonEmpty = Annotated[str, StringConstraints(min_length=1)]
DnsLabel = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", max_length=253)
]


class Section(Frozen):
    """A manifest section: camelCase keys in YAML (Kubernetes style), snake_case names in Python."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class DefaultPolicy(str, Enum):
    """What happens to traffic no rule names."""

    ALLOW = "allow"
    DENY = "deny"


class Containment(str, Enum):
    """The automated response when monitoring sees an anomaly."""

    QUARANTINE = "quarantine"
    DISCONNECT = "disconnect"
    NONE = "none"


class FilterAction(str, Enum):
    """What a filtering classifier does with content it flags."""

    BLOCK = "block"
    FLAG = "flag"
    LOG = "log"


class AuthMethod(str, Enum):
    """How callers authenticate; `mfa`, `oidc` and `mtls` count as strong."""

    MFA = "mfa"
    OIDC = "oidc"
    MTLS = "mtls"
    API_KEY = "apiKey"
    BASIC = "basic"
    NONE = "none"


class SandboxKind(str, Enum):
    """The isolation boundary the workload runs in, strongest first."""

    FIRECRACKER = "firecracker"
    KATA = "kata"
    GVISOR = "gvisor"
    CONTAINER = "container"
    NONE = "none"


class Metadata(Section):
    """Kubernetes-style object metadata."""

    name: DnsLabel = Field(description="Name of the deployment, unique in its namespace")
    namespace: DnsLabel | None = Field(default=None, description="Kubernetes namespace it runs in")
    labels: dict[str, str] = Field(default_factory=dict, description="Free-form labels")
    annotations: dict[str, str] = Field(default_factory=dict, description="Free-form annotations")


class Workload(Section):
    """The Kubernetes objects that run this AI system, so controls can relate the two."""

    kind: Literal["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod"] = Field(
        default="Deployment", description="Kind of the Kubernetes workload"
    )
    name: DnsLabel = Field(description="Name of the Kubernetes workload")
    service_account_name: DnsLabel | None = Field(
        default=None, description="ServiceAccount the workload's pods run as"
    )


class FilesystemScope(Section):
    """One path the system may touch."""

    path: NonEmpty = Field(description="Absolute path or glob")
    access: Literal["read", "write", "readwrite"] = Field(description="Access granted on the path")


class Scopes(Section):
    """The least-privilege grants of the system, per resource type."""

    network: list[NonEmpty] = Field(
        default_factory=list, description="Network scopes, e.g. `egress:search.example.com:443`"
    )
    filesystem: list[FilesystemScope] = Field(default_factory=list, description="Filesystem grants")
    api: list[NonEmpty] = Field(
        default_factory=list, description="API scopes, e.g. `github:repo:read`; `*` is unbounded"
    )


class Identity(Section):
    """The service identity and what it is allowed to do."""

    service_account: NonEmpty | None = Field(
        default=None, description="Service identity the system acts as"
    )
    inherit_caller_permissions: bool | None = Field(
        default=None,
        description="True when the system's authority is capped by the calling user's permissions",
    )
    scopes: Scopes | None = Field(default=None, description="Network, filesystem and API scopes")


class EgressRule(Section):
    """One allowed outbound destination."""

    domain: NonEmpty | None = Field(default=None, description="DNS name, e.g. `api.example.com`")
    cidr: NonEmpty | None = Field(default=None, description="IP range, e.g. `10.0.0.0/24`")
    ports: list[Annotated[int, Field(ge=1, le=65535)]] = Field(
        default_factory=list, description="Allowed destination ports"
    )
    protocols: list[Literal["TCP", "UDP", "HTTP", "HTTPS", "DNS", "GRPC"]] = Field(
        default_factory=list, description="Allowed protocols"
    )


class Egress(Section):
    """Outbound network policy of the system."""

    default_policy: DefaultPolicy | None = Field(
        default=None, description="`deny` blocks whatever the allowlist does not name"
    )
    allowlist: list[EgressRule] = Field(default_factory=list, description="Allowed destinations")
    log_blocked: bool | None = Field(default=None, description="Blocked attempts are logged")


class Baseline(Section):
    """The profile of normal behaviour anomalies are measured against."""

    signals: list[Literal["process", "api", "network", "filesystem"]] = Field(
        default_factory=list, description="Signals the baseline profiles"
    )
    established: dt.date | None = Field(default=None, description="When the baseline was recorded")


class AnomalyDetection(Section):
    """Detection of deviations from the baseline."""

    enabled: bool | None = Field(default=None, description="Anomaly detection runs")
    engine: str | None = Field(default=None, description="Detection engine, e.g. `falco`")


class ContainmentPolicy(Section):
    """The response when an anomaly is detected."""

    action: Containment | None = Field(
        default=None, description="`quarantine` the workload or `disconnect` its egress"
    )
    automated: bool | None = Field(default=None, description="Applied without waiting for a human")


class Monitoring(Section):
    """Continuous behavioural monitoring and automated containment."""

    enabled: bool | None = Field(default=None, description="Behavioural monitoring runs")
    baseline: Baseline | None = Field(default=None, description="Baseline of normal operation")
    anomaly_detection: AnomalyDetection | None = Field(
        default=None, description="Anomaly detection"
    )
    containment: ContainmentPolicy | None = Field(default=None, description="Automated containment")


class RateLimit(Section):
    """A request budget."""

    scope: Literal["user", "tier", "apiKey", "global"] = Field(
        description="Whom the budget applies to"
    )
    tier: str | None = Field(default=None, description="Trust tier name when scope is `tier`")
    requests_per_minute: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="Request budget per minute"
    )
    tokens_per_minute: Annotated[int, Field(ge=1)] | None = Field(
        default=None, description="Token budget per minute"
    )


class TrustTier(Section):
    """A step of the progressive trust model."""

    name: NonEmpty = Field(description="Tier name, e.g. `anonymous`, `verified`")
    requires_identity_verification: bool = Field(
        default=False, description="Users reach this tier only after identity verification"
    )
    high_impact: bool = Field(
        default=False, description="The tier unlocks high-impact, general capabilities"
    )
    capabilities: list[NonEmpty] = Field(default_factory=list, description="Capabilities unlocked")


class RefusalPolicy(Section):
    """Refusal of requests in prohibited categories."""

    enabled: bool | None = Field(default=None, description="The system refuses prohibited requests")
    context_aware: bool | None = Field(
        default=None, description="Refusal considers the conversation and user context"
    )
    categories: list[NonEmpty] = Field(default_factory=list, description="Refused categories")


class Gating(Section):
    """Strategic friction: rate limits, progressive trust, refusal."""

    rate_limits: list[RateLimit] = Field(default_factory=list, description="Rate limits")
    trust_tiers: list[TrustTier] = Field(
        default_factory=list, description="Progressive trust tiers"
    )
    refusal_policy: RefusalPolicy | None = Field(default=None, description="Refusal policy")


class Filter(Section):
    """A classifier stage on one side of the model."""

    enabled: bool | None = Field(default=None, description="The filter runs")
    classifiers: list[NonEmpty] = Field(default_factory=list, description="Classifier names")
    action: FilterAction | None = Field(default=None, description="What happens to flagged content")


class Filtering(Section):
    """Safety alignment and input/output filtering."""

    safety_alignment: list[Literal["rlhf", "rlaif", "constitutional", "sft", "none"]] = Field(
        default_factory=list, description="Alignment techniques applied to the model"
    )
    input: Filter | None = Field(default=None, description="Filtering of prompts before the model")
    output: Filter | None = Field(default=None, description="Filtering of outputs before delivery")


class Role(Section):
    """An access-management role."""

    name: NonEmpty = Field(description="Role name")
    permissions: list[NonEmpty] = Field(default_factory=list, description="Permissions granted")


class AuditLogging(Section):
    """Audit logging of access and use."""

    enabled: bool | None = Field(default=None, description="Access is audit-logged")
    retention_days: Annotated[int, Field(ge=0)] | None = Field(
        default=None, description="Days audit logs are kept"
    )
    destination: str | None = Field(default=None, description="Where audit logs go")


class MisuseMonitoring(Section):
    """Monitoring of use for signs of malicious exploitation."""

    enabled: bool | None = Field(default=None, description="Misuse monitoring runs")
    realtime: bool | None = Field(default=None, description="Alerts are raised in real time")
    signals: list[NonEmpty] = Field(
        default_factory=list, description="Signals watched, e.g. `prompt-injection`, `high-volume`"
    )


class Access(Section):
    """Access management over the deployment and its APIs."""

    authentication: list[AuthMethod] = Field(
        default_factory=list, description="Accepted authentication methods"
    )
    roles: list[Role] = Field(default_factory=list, description="Roles callers are assigned")
    audit_logging: AuditLogging | None = Field(default=None, description="Audit logging")
    misuse_monitoring: MisuseMonitoring | None = Field(
        default=None, description="Misuse monitoring"
    )


class Proliferation(Section):
    """What the system may do that would let it copy or extend itself."""

    may_spawn_processes: bool | None = Field(default=None, description="May start new processes")
    may_spawn_agents: bool | None = Field(
        default=None, description="May start new agents or instances"
    )
    may_modify_own_code: bool | None = Field(default=None, description="May change its own code")
    may_modify_own_weights: bool | None = Field(
        default=None, description="May change its own weights"
    )
    may_acquire_compute: bool | None = Field(
        default=None, description="May obtain compute resources"
    )
    may_acquire_credentials: bool | None = Field(
        default=None, description="May obtain credentials or payment means"
    )


class Isolation(Section):
    """The sandbox boundary around the system."""

    sandbox: SandboxKind | None = Field(default=None, description="Sandbox the workload runs in")
    host_access: bool | None = Field(default=None, description="Has access to the host")
    critical_infrastructure_access: bool | None = Field(
        default=None, description="Can reach critical network infrastructure"
    )


class AuditFinding(Section):
    """A finding of an audit or exercise, as the manifest declares it (not an evaluation Finding)."""

    id: NonEmpty = Field(description="Finding identifier")
    title: NonEmpty = Field(description="What was found")
    severity: Severity = Field(description="Severity of the finding")
    status: Literal["open", "resolved", "accepted"] = Field(default="open", description="Status")


class Audit(Section):
    """A security audit or red-team exercise."""

    kind: Literal["security-audit", "red-team"] = Field(description="Audit or adversarial exercise")
    date: dt.date = Field(description="When it was completed")
    phase: Literal["pre-deployment", "in-deployment"] = Field(
        default="in-deployment", description="Before or during deployment"
    )
    external: bool = Field(default=False, description="Performed by an independent party")
    scope: list[
        Literal["self-replication", "shutdown-evasion", "monitoring-evasion", "misuse", "security"]
    ] = Field(default_factory=list, description="What was assessed")
    suite: str | None = Field(default=None, description="Evaluation suite, e.g. `RepliBench`")
    findings: list[AuditFinding] = Field(default_factory=list, description="Findings")


class Spec(Section):
    """What the deployment declares about its controls; missing sections fail the controls."""

    description: str | None = Field(default=None, description="What the system does")
    owner: str | None = Field(default=None, description="Accountable team or person")
    workload: Workload | None = Field(default=None, description="Kubernetes workload that runs it")
    identity: Identity | None = Field(default=None, description="Identity and permissions")
    egress: Egress | None = Field(default=None, description="Outbound network policy")
    monitoring: Monitoring | None = Field(default=None, description="Behavioural monitoring")
    gating: Gating | None = Field(default=None, description="Capability gating")
    filtering: Filtering | None = Field(default=None, description="Alignment and filtering")
    access: Access | None = Field(default=None, description="Access management")
    proliferation: Proliferation | None = Field(
        default=None, description="Self-proliferation limits"
    )
    isolation: Isolation | None = Field(default=None, description="Sandbox isolation")
    audits: list[Audit] = Field(
        default_factory=list, description="Security audits and red-team exercises"
    )


class AIDeployment(Section):
    """An AI system's deployment manifest (`apiVersion: riskreg/v1`, `kind: AIDeployment`)."""

    api_version: Literal["riskreg/v1"] = Field(description="Always `riskreg/v1`")
    kind: Literal["AIDeployment"] = Field(description="Always `AIDeployment`")
    metadata: Metadata = Field(description="Name, namespace, labels, annotations")
    spec: Spec = Field(description="The deployment's declared controls")

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """The JSON Schema of the manifest as written in YAML (camelCase keys)."""
        schema = cls.model_json_schema(by_alias=True, mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = "https://riskreg.dev/schemas/aideployment.schema.json"
        return schema


def reference_markdown() -> str:
    """A Markdown table of every manifest field, its type and its description."""
    lines = ["| Field | Type | Description |", "| --- | --- | --- |"]
    lines += [f"| `{path}` | {kind} | {text} |" for path, kind, text in _rows(AIDeployment, "")]
    return "\n".join(lines) + "\n"


def _rows(model: type[Section], prefix: str) -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for name, field in model.model_fields.items():
        path = prefix + (field.alias or name)
        nested = _nested_model(field.annotation)
        rows.append((path, _type_name(field.annotation), field.description or ""))
        if nested is not None:
            suffix = "[]." if typing.get_origin(_strip_optional(field.annotation)) is list else "."
            rows += _rows(nested, path + suffix)
    return rows


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _nested_model(annotation: Any) -> type[Section] | None:
    inner = _strip_optional(annotation)
    if typing.get_origin(inner) is list:
        inner = typing.get_args(inner)[0]
    return inner if isinstance(inner, type) and issubclass(inner, Section) else None


def _type_name(annotation: Any) -> str:
    inner = _strip_optional(annotation)
    origin = typing.get_origin(inner)
    if origin is Annotated:
        return _type_name(typing.get_args(inner)[0])
    if origin is list:
        return "list of " + _type_name(typing.get_args(inner)[0])
    if origin is dict:
        return "map of " + _type_name(typing.get_args(inner)[1])
    if origin is Literal:
        return " \\| ".join(f"`{value}`" for value in typing.get_args(inner))
    if isinstance(inner, type) and issubclass(inner, Enum):
        return " \\| ".join(f"`{member.value}`" for member in inner)
    if isinstance(inner, type) and issubclass(inner, Section):
        return "object"
    names = {str: "string", bool: "boolean", int: "integer", dt.date: "date (YYYY-MM-DD)"}
    return names.get(inner, str(inner))
