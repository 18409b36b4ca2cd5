"""Findings as Kubernetes policy-report objects: one namespaced report per namespace, one cluster report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from riskreg.models.control import Control
from riskreg.models.finding import Finding, Outcome, Report

SOURCE = "riskreg"
REPORT_NAME = "riskreg"
RESULT_VALUES = ("pass", "fail", "warn", "error", "skip")
# A waived failure is a policy exception: Kyverno reports those as `skip` as well.
_RESULT = {
    Outcome.PASS: "pass",
    Outcome.FAIL: "fail",
    Outcome.WARN: "warn",
    Outcome.ERROR: "error",
    Outcome.SKIP: "skip",
    Outcome.WAIVED: "skip",
}
# Finding.resource carries no apiVersion; built-in kinds have one fixed group/version, custom
# resources do not, so only these get one (a guessed apiVersion would mislead a reader).
_API_VERSION = {
    **dict.fromkeys(
        ("Pod", "Service", "ServiceAccount", "ConfigMap", "Secret", "Namespace", "Node",
         "PersistentVolume", "PersistentVolumeClaim", "ReplicationController", "PodTemplate"),
        "v1",
    ),
    **dict.fromkeys(("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"), "apps/v1"),
    **dict.fromkeys(("Job", "CronJob"), "batch/v1"),
    **dict.fromkeys(("NetworkPolicy", "Ingress"), "networking.k8s.io/v1"),
    **dict.fromkeys(
        ("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"),
        "rbac.authorization.k8s.io/v1",
    ),
    "HorizontalPodAutoscaler": "autoscaling/v2",
    "PodDisruptionBudget": "policy/v1",
    "RuntimeClass": "node.k8s.io/v1",
    "AIDeployment": "riskreg/v1",
}  # fmt: skip
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")


@dataclass(frozen=True)
class Kinds:
    """The API group/version and kinds of one report flavour (OpenReports or wgpolicyk8s)."""

    api_version: str
    namespaced: str
    cluster: str
    source_on_report: bool


def object_reference(resource: str) -> dict[str, str]:
    """`Kind/namespace/name` (namespace empty for cluster-scoped kinds) as an ObjectReference."""
    kind, _, rest = resource.partition("/")
    namespace, _, name = rest.partition("/") if rest.count("/") else ("", "", rest)
    reference = {"kind": kind, "name": name}
    if kind in _API_VERSION:
        reference = {"apiVersion": _API_VERSION[kind], **reference}
    if namespace:
        reference["namespace"] = namespace
    return reference


def report_namespace(finding: Finding) -> str | None:
    """The namespace whose report holds the finding; None for the cluster report (cluster-scoped
    resources, target-level results, and namespaces no Kubernetes object could have)."""
    if not finding.resource:
        return None
    namespace = object_reference(finding.resource).get("namespace")
    return namespace if namespace and _DNS_LABEL.match(namespace) else None


def _properties(finding: Finding) -> dict[str, str]:
    properties = {"target": finding.target}
    if finding.risk_ids:
        properties["risks"] = ",".join(finding.risk_ids)
    if finding.mitigation_ids:
        properties["mitigations"] = ",".join(finding.mitigation_ids)
    if finding.file:
        properties["location"] = f"{finding.file}:{finding.line}" if finding.line else finding.file
    if finding.path:
        properties["path"] = finding.path  # a JSON Pointer into the resource
    if finding.assurance:
        properties["assurance"] = finding.assurance  # verified | attested, for a pass
    if finding.outcome is Outcome.WAIVED:
        properties["waived"] = "true"
    return properties


def _result(finding: Finding, control: Control | None, seconds: int) -> dict[str, Any]:
    package = control.package.split(".") if control else []
    result: dict[str, Any] = {
        "policy": finding.control_id,
        "rule": package[-1] if package else finding.control_id,
        "category": package[1] if len(package) > 2 else "riskreg",
        "severity": finding.severity.value,
        "result": _RESULT[finding.outcome],
        # The policy-report convention: warnings are results of non-scored policies.
        "scored": finding.outcome is not Outcome.WARN,
        "source": SOURCE,
        "message": finding.message,
        "timestamp": {"seconds": seconds, "nanos": 0},
        "properties": _properties(finding),
    }
    if finding.resource:
        result["resources"] = [object_reference(finding.resource)]
    return result


def _error_result(error: str, seconds: int) -> dict[str, Any]:
    """A run that could not complete: one `error` result, so no consumer reads it as clean."""
    return {
        "policy": "riskreg",
        "rule": "evaluation",
        "result": "error",
        "scored": True,
        "source": SOURCE,
        "message": error,
        "timestamp": {"seconds": seconds, "nanos": 0},
    }


def _summary(results: Iterable[dict[str, Any]]) -> dict[str, int]:
    counts = dict.fromkeys(RESULT_VALUES, 0)
    for result in results:
        counts[result["result"]] += 1
    return counts


def _metadata(report: Report, namespace: str | None) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": REPORT_NAME}
    if namespace is not None:
        metadata["namespace"] = namespace
    metadata["labels"] = {"app.kubernetes.io/managed-by": SOURCE}
    metadata["annotations"] = {
        "riskreg/version": report.tool.version,
        "riskreg/report-schema": str(report.schema_version),
    }
    return metadata


def _object(kinds: Kinds, report: Report, namespace: str | None, results: list[Any]) -> Any:
    document: dict[str, Any] = {
        "apiVersion": kinds.api_version,
        "kind": kinds.namespaced if namespace is not None else kinds.cluster,
        "metadata": _metadata(report, namespace),
    }
    if kinds.source_on_report:
        document["source"] = SOURCE
    document["summary"] = _summary(results)
    document["results"] = results
    return document


def build(report: Report, kinds: Kinds) -> list[dict[str, Any]]:
    """The report objects: the cluster report first, then one per namespace in name order."""
    controls = {control.id: control for control in report.controls}
    seconds = int(report.generated_at.timestamp())
    grouped: dict[str | None, list[dict[str, Any]]] = {None: []}
    for finding in report.findings:
        result = _result(finding, controls.get(finding.control_id), seconds)
        grouped.setdefault(report_namespace(finding), []).append(result)
    grouped[None].extend(_error_result(error, seconds) for error in report.errors)
    namespaces = sorted(key for key in grouped if key is not None)
    return [_object(kinds, report, key, grouped[key]) for key in [None, *namespaces]]


def to_yaml(documents: list[dict[str, Any]]) -> str:
    """Multi-document YAML in the order given, keys in the order Kubernetes tools write them."""
    import yaml

    return yaml.safe_dump_all(
        documents, sort_keys=False, explicit_start=True, allow_unicode=True, width=100
    )
