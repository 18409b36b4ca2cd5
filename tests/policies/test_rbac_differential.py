"""Effective RBAC (policies/lib/rbac) against an independent resolver written from Kubernetes' docs.

Hypothesis generates sets of Roles, ClusterRoles (labelled for built-in or custom aggregation,
some aggregating others), RoleBindings and ClusterRoleBindings whose subjects name the agent's
ServiceAccount in every spelling (with or without a namespace, its User name, the
system:serviceaccounts groups, system:authenticated) and others that must not reach it, and
whose roleRefs point at generated roles, Kubernetes' built-in roles or nothing. Requests {verb,
group, resource, name, namespace} probe what the account may do. The real opa answers
`riskreg.lib.rbac.allows` for every request of a batch in one call; the resolver below answers
the same from the upstream bootstrap-policy YAML (../shared/data/k8s-bootstrap-rbac, not the
generated bootstrap.rego) with its own subject matching, transitive aggregation and the
authorizer's rule matching (wildcards, `*/subresource`, resourceNames, RoleBinding scope).

One deliberate choice both sides share: an aggregating ClusterRole keeps the rules written in
it too (the aggregation controller would overwrite them), which can only report more.
"""

from __future__ import annotations

import json
import os
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.policies.gen_rbac_bootstrap import FILES, PREFIX, SOURCE
from tests.policies.opa_batches import batch_settings

REPO = Path(__file__).resolve().parents[2]
POLICIES = REPO / "policies"
RBAC = "rbac.authorization.k8s.io/v1"
ACCOUNT = ("agents", "agent")
USER = "system:serviceaccount:agents:agent"
GROUPS = {"system:serviceaccounts", "system:serviceaccounts:agents", "system:authenticated"}
NAMESPACES = ["agents", "agents", "other"]
AGGREGATE = "rbac.authorization.k8s.io/aggregate-to-"
DEPLOYMENT = {
    "apiVersion": "apps/v1",
    "kind": "Deployment",
    "metadata": {"name": "agent", "namespace": "agents"},
    "spec": {
        "template": {
            "metadata": {"labels": {"app": "agent"}},
            "spec": {"serviceAccountName": "agent", "containers": [{"name": "c", "image": "i"}]},
        }
    },
}
# (group, resource) pairs requests ask about; rules draw from the same vocabulary plus wildcards.
RESOURCES = [
    ("", "pods"),
    ("", "pods/exec"),
    ("", "pods/ephemeralcontainers"),
    ("", "secrets"),
    ("", "configmaps"),
    ("", "serviceaccounts/token"),
    ("", "replicationcontrollers/scale"),
    ("apps", "deployments"),
    ("apps", "deployments/scale"),
    ("batch", "jobs"),
    ("autoscaling", "horizontalpodautoscalers"),
    ("rbac.authorization.k8s.io", "roles"),
    ("authorization.k8s.io", "selfsubjectaccessreviews"),
]
VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "escalate", "bind"]
REQUESTS = 24  # probed per setup
BUILTIN_REFS = ["view", "edit", "admin", "cluster-admin", "system:basic-user", "system:discovery"]

BATCH = """package differential

rows := [[i, j] |
	some i, c in input.cases
	some j, request in c.requests
	data.riskreg.lib.rbac.allows("agents/agent", request) with input as c.target
]
"""

pytestmark = pytest.mark.skipif(
    not SOURCE.is_dir(), reason=f"{SOURCE} (Kubernetes' bootstrap policy) is not present"
)


def opa() -> str:
    return os.environ.get("RISKREG_OPA") or str(REPO / ".tools" / "bin" / "opa")


# --- generators ---------------------------------------------------------------------------


def _some(draw: st.DrawFn, values: list[str], max_size: int = 2) -> list[str]:
    return draw(st.lists(st.sampled_from(values), min_size=1, max_size=max_size, unique=True))


@st.composite
def rules(draw: st.DrawFn) -> dict[str, Any]:
    groups = [*sorted({g for g, _ in RESOURCES}), "*"]
    resources = [*sorted({r for _, r in RESOURCES}), "*", "*/scale", "*/exec"]
    rule: dict[str, Any] = {
        "apiGroups": _some(draw, groups),
        "resources": _some(draw, resources, 3),
        "verbs": _some(draw, [*VERBS, "*"], 3),
    }
    if draw(st.integers(0, 3)) == 0:
        rule["resourceNames"] = _some(draw, ["a", "b", ""])
    return rule


@st.composite
def cluster_roles(draw: st.DrawFn, index: int) -> dict[str, Any]:
    labels = {}
    for label in draw(st.lists(st.sampled_from(["view", "edit", "admin", "custom"]), max_size=2)):
        labels[f"{AGGREGATE}{label}" if label != "custom" else "riskreg.test/agg"] = "true"
    role: dict[str, Any] = {
        "apiVersion": RBAC,
        "kind": "ClusterRole",
        "metadata": {"name": f"c{index}", **({"labels": labels} if labels else {})},
        "rules": draw(st.lists(rules(), max_size=2)),
    }
    if draw(st.integers(0, 3)) == 0:
        selector = draw(
            st.sampled_from(["riskreg.test/agg", f"{AGGREGATE}view", f"{AGGREGATE}edit"])
        )
        role["aggregationRule"] = {"clusterRoleSelectors": [{"matchLabels": {selector: "true"}}]}
    return role


@st.composite
def roles(draw: st.DrawFn, index: int) -> dict[str, Any]:
    return {
        "apiVersion": RBAC,
        "kind": "Role",
        "metadata": {"name": f"r{index}", "namespace": draw(st.sampled_from(NAMESPACES))},
        "rules": draw(st.lists(rules(), max_size=2)),
    }


SUBJECTS: list[dict[str, str]] = [
    {"kind": "ServiceAccount", "name": "agent", "namespace": "agents"},
    {"kind": "ServiceAccount", "name": "agent"},
    {"kind": "ServiceAccount", "name": "agent", "namespace": "other"},
    {"kind": "ServiceAccount", "name": "default", "namespace": "agents"},
    {"kind": "User", "name": USER},
    {"kind": "User", "name": "system:serviceaccount:other:agent"},
    {"kind": "User", "name": "agent"},
    {"kind": "Group", "name": "system:serviceaccounts"},
    {"kind": "Group", "name": "system:serviceaccounts:agents"},
    {"kind": "Group", "name": "system:serviceaccounts:other"},
    {"kind": "Group", "name": "system:authenticated"},
    {"kind": "Group", "name": "system:unauthenticated"},
]


@st.composite
def bindings(
    draw: st.DrawFn, index: int, role_count: int, cluster_role_count: int
) -> dict[str, Any]:
    cluster = draw(st.integers(0, 2)) == 0
    refs = [("ClusterRole", f"c{i}") for i in range(cluster_role_count)]
    refs += [("ClusterRole", name) for name in BUILTIN_REFS] + [("ClusterRole", "absent")]
    if not cluster:
        refs += [("Role", f"r{i}") for i in range(role_count)] + [("Role", "absent")]
    kind, name = draw(st.sampled_from(refs))
    metadata: dict[str, Any] = {"name": f"b{index}"}
    if not cluster:
        metadata["namespace"] = draw(st.sampled_from(NAMESPACES))
    return {
        "apiVersion": RBAC,
        "kind": "ClusterRoleBinding" if cluster else "RoleBinding",
        "metadata": metadata,
        "subjects": draw(st.lists(st.sampled_from(SUBJECTS), min_size=1, max_size=2)),
        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": name},
    }


def requests(random: Any, count: int) -> list[dict[str, str]]:
    """Requests drawn from a seeded Random: cheap for Hypothesis, whose buffer the documents use."""
    chosen = []
    for _ in range(count):
        group, resource = random.choice(RESOURCES)
        chosen.append(
            {
                "verb": random.choice([*VERBS, "deletecollection"]),
                "group": group,
                "resource": resource,
                "name": random.choice(["", "a", "b"]),
                "namespace": random.choice(["agents", "agents", "other", "kube-system", ""]),
            }
        )
    return chosen


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    role_count = draw(st.integers(0, 2))
    cluster_role_count = draw(st.integers(0, 3))
    documents: list[dict[str, Any]] = [DEPLOYMENT]
    documents += [draw(roles(i)) for i in range(role_count)]
    documents += [draw(cluster_roles(i)) for i in range(cluster_role_count)]
    documents += [
        draw(bindings(i, role_count, cluster_role_count)) for i in range(draw(st.integers(1, 3)))
    ]
    return {
        "target": {
            "riskreg": {"schema": 2, "now_ns": 0},
            "target": "t",
            "documents": [
                {"path": "t.yaml", "index": i, "contents": d} for i, d in enumerate(documents)
            ],
        },
        "requests": requests(draw(st.randoms(use_true_random=False)), REQUESTS),
    }


# --- resolver -----------------------------------------------------------------------------


@cache
def builtin() -> list[dict[str, Any]]:
    """Every object of Kubernetes' bootstrap policy (roles and bindings, cluster and namespace)."""
    objects: list[dict[str, Any]] = []
    for name in FILES:  # the same upstream files the generator of lib/rbac/bootstrap.rego reads
        document = yaml.safe_load((SOURCE / f"{PREFIX}{name}").read_text(encoding="utf-8"))
        objects.extend(document["items"])
    return objects


def reaches(subject: dict[str, str], binding: dict[str, Any]) -> bool:
    """Kubernetes' appliesTo: does the subject name the agent's identity?"""
    if subject["kind"] == "ServiceAccount":
        default = (
            binding["metadata"].get("namespace", "") if binding["kind"] == "RoleBinding" else ""
        )
        return (subject.get("namespace") or default, subject["name"]) == ACCOUNT and bool(
            subject.get("namespace") or default
        )
    if subject["kind"] == "User":
        return subject["name"] == USER
    return subject["kind"] == "Group" and subject["name"] in GROUPS


def cluster_role_rules(objects: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """A ClusterRole's rules with those of every ClusterRole it aggregates, to a fixpoint."""
    cluster_roles = {o["metadata"]["name"]: o for o in objects if o["kind"] == "ClusterRole"}
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in cluster_roles:
            continue
        seen.add(current)
        selectors = (cluster_roles[current].get("aggregationRule") or {}).get(
            "clusterRoleSelectors"
        ) or []
        for selector in selectors:
            wanted = selector.get("matchLabels") or {}
            for other, role in cluster_roles.items():
                labels = role["metadata"].get("labels") or {}
                if other != current and all(labels.get(k) == v for k, v in wanted.items()):
                    todo.append(other)
    return [rule for n in seen for rule in cluster_roles[n].get("rules") or []]


def rule_allows(rule: dict[str, Any], request: dict[str, str]) -> bool:
    def any_of(values: list[str], wanted: str) -> bool:
        return "*" in values or wanted in values

    resources = rule.get("resources") or []
    resource = request["resource"]
    resource_ok = any_of(resources, resource) or (
        "/" in resource and f"*/{resource.split('/', 1)[1]}" in resources
    )
    names = rule.get("resourceNames") or []
    return (
        any_of(rule.get("verbs") or [], request["verb"])
        and any_of(rule.get("apiGroups") or [], request["group"])
        and resource_ok
        and (not names or request["name"] in names)
    )


def resolve(case: dict[str, Any]) -> set[int]:
    """The indexes of the case's requests the agent's ServiceAccount may make."""
    own = [d["contents"] for d in case["target"]["documents"][1:]]
    objects = own + builtin()
    grants: list[tuple[str, dict[str, Any]]] = []  # (scope, rule); scope "" = every namespace
    for binding in objects:
        if binding["kind"] not in ("RoleBinding", "ClusterRoleBinding"):
            continue
        if not any(reaches(s, binding) for s in binding.get("subjects") or []):
            continue
        ref = binding["roleRef"]
        scope = binding["metadata"].get("namespace", "") if binding["kind"] == "RoleBinding" else ""
        if ref["kind"] == "ClusterRole":
            found = cluster_role_rules(objects, ref["name"])
        elif binding["kind"] == "RoleBinding" and ref["kind"] == "Role":
            found = [
                rule
                for role in objects
                if role["kind"] == "Role"
                and role["metadata"]["name"] == ref["name"]
                and role["metadata"].get("namespace") == scope
                for rule in role.get("rules") or []
            ]
        else:
            found = []
        grants.extend((scope, rule) for rule in found)
    return {
        j
        for j, request in enumerate(case["requests"])
        if any(
            (scope == "" or scope == request["namespace"]) and rule_allows(rule, request)
            for scope, rule in grants
        )
    }


# --- the test -----------------------------------------------------------------------------


def evaluate(batch: list[dict[str, Any]], tmp: Path) -> set[tuple[int, int]]:
    data = tmp / "cases.json"
    data.write_text(json.dumps({"cases": batch}), encoding="utf-8")
    (tmp / "batch.rego").write_text(BATCH, encoding="utf-8")
    command = [opa(), "eval", "-f", "json", "-d", str(POLICIES / "lib")]
    command += ["-d", str(POLICIES / "params.yaml"), "-d", str(tmp / "batch.rego")]
    command += ["--ignore", "*_test.rego", "-i", str(data), "data.differential.rows"]
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    rows = json.loads(done.stdout)["result"][0]["expressions"][0]["value"]
    return {(i, j) for i, j in rows}


@batch_settings(max_examples=4)
@given(batch=st.lists(cases(), min_size=25, max_size=25))
def test_effective_rbac_matches_resolver(
    batch: list[dict[str, Any]], tmp_path_factory: Any
) -> None:
    """100 generated RBAC setups x 24 requests (four batches, one opa call each) agree."""
    got = evaluate(batch, tmp_path_factory.mktemp("rbac"))
    for i, case in enumerate(batch):
        expected = resolve(case)
        allowed = {j for k, j in got if k == i}
        assert allowed == expected, (
            json.dumps(case, indent=1),
            {"opa only": sorted(allowed - expected), "resolver only": sorted(expected - allowed)},
        )


def test_resolver_sees_builtin_grants() -> None:
    """The resolver is not vacuous: Kubernetes lets every identity review its own access."""
    case = {
        "target": {"documents": [{"contents": DEPLOYMENT}]},
        "requests": [
            {
                "verb": "create",
                "group": "authorization.k8s.io",
                "resource": "selfsubjectaccessreviews",
                "name": "",
                "namespace": "",
            },
            {"verb": "get", "group": "", "resource": "secrets", "name": "", "namespace": "agents"},
        ],
    }
    assert resolve(case) == {0}
