"""OpenReports and PolicyReport output validates against the published CRD schemas (vendored in
tests/schemas/, made strict so a field the CRD lacks fails instead of being pruned by the API server),
and each riskreg outcome lands in the right report with the right result value."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from riskreg.models.control import Severity
from riskreg.models.finding import Finding, Outcome, Report
from riskreg.render import openreports, policyreport
from riskreg.render.k8s_results import object_reference

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas"
CRDS = {
    ("openreports.io/v1alpha1", "Report"): "openreports.io_reports.crd.yaml",
    ("openreports.io/v1alpha1", "ClusterReport"): "openreports.io_clusterreports.crd.yaml",
    ("wgpolicyk8s.io/v1alpha2", "PolicyReport"): "wgpolicyk8s.io_policyreports.crd.yaml",
    (
        "wgpolicyk8s.io/v1alpha2",
        "ClusterPolicyReport",
    ): "wgpolicyk8s.io_clusterpolicyreports.crd.yaml",
}
RENDERERS = {"openreports": openreports.render, "policyreport": policyreport.render}
DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$")


def _strict(schema: Any) -> Any:
    """The structural schema with unknown properties rejected (the API server would drop them)."""
    if isinstance(schema, dict):
        strict = {key: _strict(value) for key, value in schema.items()}
        if "properties" in strict and "additionalProperties" not in strict:
            strict["additionalProperties"] = False
        return strict
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    return schema


def crd_schema(api_version: str, kind: str) -> dict[str, Any]:
    crd = yaml.safe_load((SCHEMAS / CRDS[(api_version, kind)]).read_text(encoding="utf-8"))
    assert crd["spec"]["names"]["kind"] == kind
    group, version = api_version.split("/")
    assert crd["spec"]["group"] == group
    served = {entry["name"]: entry for entry in crd["spec"]["versions"]}
    return dict(_strict(served[version]["schema"]["openAPIV3Schema"]))


def validate(document: dict[str, Any]) -> None:
    """The CRD schema, plus the ObjectMeta rules the CRD leaves to the API server."""
    jsonschema.validate(document, crd_schema(document["apiVersion"], document["kind"]))
    metadata = document["metadata"]
    assert DNS_SUBDOMAIN.match(metadata["name"])
    scope = "Namespaced" if "namespace" in metadata else "Cluster"
    crd = yaml.safe_load(
        (SCHEMAS / CRDS[(document["apiVersion"], document["kind"])]).read_text(encoding="utf-8")
    )
    assert crd["spec"]["scope"] == scope
    assert all(LABEL_VALUE.match(value) for value in metadata.get("labels", {}).values())


def documents(fmt: str, report: Report) -> list[dict[str, Any]]:
    return list(yaml.safe_load_all(RENDERERS[fmt](report)))


def _finding(outcome: Outcome, resource: str | None = None, **extra: Any) -> Finding:
    return Finding(
        control_id="NET-001",
        target="deploy/app",
        outcome=outcome,
        severity=Severity.CRITICAL,
        mitigation_ids=["mit1163.m1"],
        risk_ids=["mit1163"],
        message=f"{outcome.value} message",
        resource=resource,
        **extra,
    )


@pytest.fixture
def mixed(report: Report) -> Report:
    """Every outcome, a cluster-scoped resource, a namespace no object could have, a run error."""
    findings = [
        _finding(Outcome.FAIL, "Deployment/team-a/api", file="deploy/app/d.yaml", line=7),
        _finding(Outcome.WARN, "Deployment/team-a/api"),
        _finding(Outcome.WAIVED, "Pod/team-b/worker"),
        _finding(Outcome.ERROR, "ClusterRole//admin-ish"),
        _finding(Outcome.FAIL, "Service/Not_A_Namespace/x"),
        _finding(Outcome.PASS),
        _finding(Outcome.SKIP),
    ]
    return report.model_copy(update={"findings": findings, "errors": ["opa timed out"]})


@pytest.mark.parametrize("fmt", RENDERERS)
def test_golden_fixture_output_validates(report: Report, fmt: str) -> None:
    rendered = documents(fmt, report)
    assert rendered
    for document in rendered:
        validate(document)


@pytest.mark.parametrize("fmt", RENDERERS)
def test_every_outcome_validates_and_lands_in_its_report(mixed: Report, fmt: str) -> None:
    rendered = documents(fmt, mixed)
    for document in rendered:
        validate(document)
    by_namespace = {doc["metadata"].get("namespace"): doc for doc in rendered}
    assert list(by_namespace) == [None, "team-a", "team-b"]
    team_a = [result["result"] for result in by_namespace["team-a"]["results"]]
    assert team_a == ["fail", "warn"]
    waived = by_namespace["team-b"]["results"][0]
    assert (waived["result"], waived["properties"]["waived"]) == ("skip", "true")
    cluster = by_namespace[None]["results"]
    assert [result["result"] for result in cluster] == ["error", "fail", "pass", "skip", "error"]
    assert cluster[-1]["message"] == "opa timed out"
    assert cluster[0]["resources"] == [
        {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "name": "admin-ish"}
    ]


@pytest.mark.parametrize("fmt", RENDERERS)
def test_result_carries_control_risks_and_location(mixed: Report, fmt: str) -> None:
    team_a = documents(fmt, mixed)[1]
    failed = team_a["results"][0]
    assert failed["policy"] == "NET-001"
    assert failed["severity"] == "critical"
    assert failed["scored"] is True and team_a["results"][1]["scored"] is False
    assert failed["properties"] == {
        "target": "deploy/app",
        "risks": "mit1163",
        "mitigations": "mit1163.m1",
        "location": "deploy/app/d.yaml:7",
    }
    assert failed["resources"][0] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "api",
        "namespace": "team-a",
    }
    stamp = mixed.generated_at.timestamp()
    assert failed["timestamp"] == {"seconds": int(stamp), "nanos": 0}


@pytest.mark.parametrize("fmt", RENDERERS)
def test_summaries_count_their_own_results(mixed: Report, fmt: str) -> None:
    for document in documents(fmt, mixed):
        counted = dict.fromkeys(("pass", "fail", "warn", "error", "skip"), 0)
        for result in document["results"]:
            counted[result["result"]] += 1
        assert document["summary"] == counted


def test_a_pass_says_whether_it_was_verified_or_attested(report: Report) -> None:
    results = [r for d in documents("openreports", report) for r in d["results"]]
    assurance = {
        (r["policy"], r["properties"]["target"]): r["properties"].get("assurance")
        for r in results
        if r["result"] == "pass"
    }
    expected = {
        (f.control_id, f.target): f.assurance for f in report.findings if f.outcome is Outcome.PASS
    }
    assert assurance == expected and set(expected.values()) == {"verified", "attested"}


def test_control_metadata_names_rule_and_category(report: Report) -> None:
    failed = documents("openreports", report)[1]["results"][0]
    control = next(c for c in report.controls if c.id == failed["policy"])
    assert control.package == f"riskreg.{failed['category']}.{failed['rule']}"


def test_empty_run_is_one_cluster_report_with_zero_counts(report: Report) -> None:
    empty = report.model_copy(update={"findings": [], "errors": []})
    (only,) = documents("policyreport", empty)
    validate(only)
    assert only["kind"] == "ClusterPolicyReport"
    assert set(only["summary"].values()) == {0}


def test_clock_is_the_reports_clock(report: Report) -> None:
    later = report.model_copy(update={"generated_at": dt.datetime(2030, 1, 1, tzinfo=dt.UTC)})
    seconds = {
        r["timestamp"]["seconds"] for d in documents("openreports", later) for r in d["results"]
    }
    assert seconds == {int(dt.datetime(2030, 1, 1, tzinfo=dt.UTC).timestamp())}


@pytest.mark.parametrize(
    ("mutate", "why"),
    [
        (lambda d: d["results"][0].update(result="waived"), "result outside the enum"),
        (lambda d: d["results"][0].update(severity="severe"), "severity outside the enum"),
        (lambda d: d["results"][0]["properties"].update(line=7), "non-string property"),
        (lambda d: d["results"][0].update(extra="x"), "field the CRD lacks"),
        (lambda d: d["results"][0].pop("policy"), "policy is required"),
    ],
)
def test_schema_rejects_what_the_crd_forbids(report: Report, mutate: Any, why: str) -> None:
    document = documents("openreports", report)[0]
    mutate(document)
    with pytest.raises(jsonschema.ValidationError):
        validate(document)


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("Deployment/ns/app", {"apiVersion": "apps/v1", "kind": "Deployment", "name": "app", "namespace": "ns"}),
        ("ClusterRole//view", {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "name": "view"}),
        ("RayCluster/ml/ray", {"kind": "RayCluster", "name": "ray", "namespace": "ml"}),
        ("Namespace/prod", {"apiVersion": "v1", "kind": "Namespace", "name": "prod"}),
    ],
)  # fmt: skip
def test_object_reference_parses_finding_resources(resource: str, expected: dict[str, str]) -> None:
    assert object_reference(resource) == expected
