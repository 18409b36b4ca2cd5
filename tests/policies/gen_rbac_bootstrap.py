"""Generate policies/lib/rbac/bootstrap.rego: Kubernetes' built-in RBAC roles and bindings as Rego data.

The source is Kubernetes' bootstrap policy (the golden files of
plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata, Apache-2.0), kept under
../shared/data/k8s-bootstrap-rbac with a SOURCES.md naming each file's commit. The output is a
Rego package, not a JSON/YAML data file, so it travels with the policies into bundles, conftest
and the OPA server exactly like the controls do.

Usage: python tests/policies/gen_rbac_bootstrap.py [--source DIR] [--output FILE] [--check]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO.parent / "shared" / "data" / "k8s-bootstrap-rbac"
OUTPUT = REPO / "policies" / "lib" / "rbac" / "bootstrap.rego"
OPA = REPO / ".tools" / "bin" / "opa"
PREFIX = "kubernetes__kubernetes__plugin__pkg__auth__authorizer__rbac__bootstrappolicy__testdata__"
FILES = (
    "cluster-roles.yaml",
    "controller-roles.yaml",
    "cluster-role-bindings.yaml",
    "controller-role-bindings.yaml",
    "namespace-roles.yaml",
    "namespace-role-bindings.yaml",
)
RULE_KEYS = ("apiGroups", "resources", "resourceNames", "nonResourceURLs", "verbs")
# Each item of SOURCES.md's table: | `file` | repo | `path` | `commit` | licence | ...
SOURCE_ROW = re.compile(
    r"^\| `(?P<file>[^`]+)` \| (?P<repo>[^ |]+) \| `(?P<path>[^`]+)` \| `(?P<commit>[0-9a-f]{40})` \|"
)

Obj = dict[str, Any]


def _items(source: Path, name: str) -> list[Obj]:
    document = yaml.safe_load((source / f"{PREFIX}{name}").read_text(encoding="utf-8"))
    return list(document["items"])


def _rule(rule: Obj) -> Obj:
    return {key: list(rule[key]) for key in RULE_KEYS if rule.get(key)}


def _role(item: Obj) -> Obj:
    selectors = (item.get("aggregationRule") or {}).get("clusterRoleSelectors") or []
    role: Obj = {"labels": dict(item["metadata"].get("labels") or {})}
    if selectors:
        role["selectors"] = selectors
    role["rules"] = [_rule(rule) for rule in item.get("rules") or []]
    return role


def _binding(item: Obj) -> Obj:
    subjects = [
        {key: subject[key] for key in ("kind", "name", "namespace") if subject.get(key)}
        for subject in item.get("subjects") or []
    ]
    ref = item["roleRef"]
    return {"roleRef": {"kind": ref["kind"], "name": ref["name"]}, "subjects": subjects}


def _matches(selector: Obj, labels: Obj) -> bool:
    # Kubernetes' bootstrap aggregation uses matchLabels only; anything else must be reviewed.
    if set(selector) - {"matchLabels"}:
        raise SystemExit(f"unsupported built-in aggregation selector {selector}")
    return all(labels.get(key) == value for key, value in selector.get("matchLabels", {}).items())


def _aggregates(cluster_roles: dict[str, Obj]) -> dict[str, list[str]]:
    """Direct aggregation edges between built-in ClusterRoles (the lib follows them transitively)."""
    edges: dict[str, list[str]] = {}
    for name, role in cluster_roles.items():
        for selector in role.get("selectors", []):
            for other, candidate in cluster_roles.items():
                if other != name and _matches(selector, candidate["labels"]):
                    edges.setdefault(name, [])
                    if other not in edges[name]:
                        edges[name].append(other)
    return {name: sorted(found) for name, found in sorted(edges.items())}


def _subject_key(subject: Obj, binding_namespace: str) -> str | None:
    if subject["kind"] == "ServiceAccount":
        namespace = subject.get("namespace") or binding_namespace
        return f"ServiceAccount:{namespace}:{subject['name']}" if namespace else None
    return f"{subject['kind']}:{subject['name']}"


def _subject_index(
    cluster: dict[str, Obj], namespaced: dict[str, dict[str, Obj]]
) -> dict[str, list[Obj]]:
    """Subject key -> the built-in bindings naming it, so a lookup per ServiceAccount is constant time."""
    index: dict[str, list[Obj]] = {}
    found = [("ClusterRoleBinding", "", name, binding) for name, binding in cluster.items()]
    found += [
        ("RoleBinding", namespace, name, binding)
        for namespace, bindings in namespaced.items()
        for name, binding in bindings.items()
    ]
    for kind, namespace, name, binding in found:
        for i, subject in enumerate(binding["subjects"]):
            key = _subject_key(subject, namespace)
            if key is not None:
                ref = {"kind": kind, "namespace": namespace, "name": name, "subject": i}
                index.setdefault(key, []).append(ref)
    return dict(sorted(index.items()))


def _closure(name: str, edges: dict[str, list[str]]) -> list[str]:
    seen, todo = [name], [name]
    while todo:
        for other in edges.get(todo.pop(), []):
            if other not in seen:
                seen.append(other)
                todo.append(other)
    return seen


def _default_judged(
    data: dict[str, Any], missing: dict[str, list[Obj]], harmless: dict[str, bool]
) -> dict[str, list[Obj]]:
    """Subject key -> the built-in grants naming it that are not harmless, resolved (aggregation
    included) as {binding, role, scope, rules: [{index, wildcards, kubectl}]}: binding and role
    shaped as riskreg.lib.rbac shapes them, rules the indexes into the role's rules with what
    the lib would compute from each. An account that nothing in view replaces gets these with
    one look-up; for most accounts there are none. Bindings whose role the data lacks (the
    files come from different releases) go to `missing`, shaped like the lib's missing items."""
    found = [
        ("ClusterRoleBinding", "", name, b) for name, b in data["cluster_role_bindings"].items()
    ]
    found += [
        ("RoleBinding", ns, name, b)
        for ns, named in data["role_bindings"].items()
        for name, b in named.items()
    ]
    judged: dict[str, list[Obj]] = {}
    for kind, namespace, name, binding in found:
        ref = binding["roleRef"]
        if ref["kind"] == "Role":
            roles = [
                ("Role", namespace, ref["name"], data["roles"].get(namespace, {}).get(ref["name"]))
            ]
        else:
            if ref["name"] in data["aggregation_rules"]:
                # Target roles may aggregate into an aggregated built-in: resolve it at run time.
                raise SystemExit(f"built-in binding {name} references aggregated {ref['name']}")
            names = _closure(ref["name"], data["aggregates"])
            roles = [
                ("ClusterRole", "", other, data["cluster_roles"].get(other)) for other in names
            ]
        shaped = {
            "id": None,
            "kind": kind,
            "namespace": namespace,
            "name": name,
            "source": "builtin",
        }
        shaped["ref"] = ref
        keys = [
            key
            for key in (_subject_key(s, namespace) for s in binding["subjects"])
            if key is not None
        ]
        for role_kind, role_namespace, role_name, role in roles:
            if role is None:
                for key in keys:
                    missing.setdefault(key, []).append({"binding": shaped, "via": key})
                continue
            rules = [
                {"index": i, **_facts(rule)}
                for i, rule in enumerate(role["rules"])
                if not all(line in harmless for line in _lines(rule))
            ]
            if not rules:
                continue
            holder = {"id": None, "kind": role_kind, "namespace": role_namespace, "name": role_name}
            holder["source"] = "builtin"
            for key in keys:
                judged.setdefault(key, []).append(
                    {"binding": shaped, "role": holder, "rules": rules}
                )
    return dict(sorted(judged.items()))


def _kubectl(group: str, resource: str) -> str:
    base, slash, sub = resource.partition("/")
    return resource if group == "" else f"{base}.{group}{slash}{sub}"


def _lines(rule: Obj) -> set[str]:
    """What a rule allows, one "verb resource" (kubectl form) or "verb url" line each."""
    groups, resources = rule.get("apiGroups", []), rule.get("resources", [])
    verbs, urls = rule.get("verbs", []), rule.get("nonResourceURLs", [])
    lines = {
        f"{verb} {_kubectl(group, name)}"
        for group in groups
        for name in resources
        for verb in verbs
    }
    return lines | {f"{verb} {url}" for url in urls for verb in verbs}


# Kubernetes binds this role to system:serviceaccounts since v1.20 (ServiceAccount issuer
# discovery); the bindings file here predates that, so it is named explicitly.
EVERYONE_ROLES = {"system:service-account-issuer-discovery"}
EVERYONE_GROUPS = {"system:authenticated", "system:unauthenticated", "system:serviceaccounts"}


def _harmless_lines(data: dict[str, Any]) -> dict[str, bool]:
    """Every line the built-in roles Kubernetes grants to everyone allow (discovery, health and
    version, self reviews, issuer discovery): a rule allowing nothing else is harmless."""
    names = set(EVERYONE_ROLES)
    for binding in data["cluster_role_bindings"].values():
        if any(s["kind"] == "Group" and s["name"] in EVERYONE_GROUPS for s in binding["subjects"]):
            names.add(binding["roleRef"]["name"])
    lines = {
        line
        for name in names
        for rule in data["cluster_roles"][name]["rules"]
        for line in _lines(rule)
    }
    if any("*" in line.split(" ", 1)[0] for line in lines):
        raise SystemExit(
            "a built-in role granted to everyone has a wildcard verb: review the harmless set"
        )
    return dict.fromkeys(sorted(lines), True)


def _facts(rule: Obj) -> Obj:
    """What riskreg.lib.rbac would compute from a built-in rule at every evaluation, computed
    once: `wildcards` (as lib wildcards()) and `kubectl` (its non-wildcard resources, kubectl
    form). A Rego test checks both, and the harmless split, against the lib's functions."""
    groups, resources = rule.get("apiGroups", []), rule.get("resources", [])
    wildcards = {
        field
        for field in ("verbs", "apiGroups", "resources", "nonResourceURLs")
        if "*" in rule.get(field, [])
    }
    if any(name.startswith("*/") for name in resources):
        wildcards.add("resources")
    names = {
        _kubectl(g, n) for g in groups for n in resources if g != "*" and not n.startswith("*")
    }
    return {
        "wildcards": sorted(wildcards),
        "kubectl": sorted(names),
    }


def _object_keys(data: dict[str, Any]) -> dict[str, bool]:
    """kind|namespace|name of every built-in object: a target object with one of these keys
    merges with or replaces the built-in, and riskreg.lib.rbac then resolves at run time."""
    keys = [f"ClusterRole||{name}" for name in data["cluster_roles"]]
    keys += [f"ClusterRoleBinding||{name}" for name in data["cluster_role_bindings"]]
    keys += [f"Role|{ns}|{name}" for ns, named in data["roles"].items() for name in named]
    keys += [
        f"RoleBinding|{ns}|{name}" for ns, named in data["role_bindings"].items() for name in named
    ]
    return dict.fromkeys(sorted(keys), True)


def _by_namespace(items: list[Obj], convert: Any) -> dict[str, dict[str, Obj]]:
    grouped: dict[str, dict[str, Obj]] = {}
    for item in items:
        meta = item["metadata"]
        grouped.setdefault(meta["namespace"], {})[meta["name"]] = convert(item)
    return {ns: dict(sorted(found.items())) for ns, found in sorted(grouped.items())}


def _sources(source: Path) -> list[dict[str, str]]:
    rows = []
    for line in (source / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        match = SOURCE_ROW.match(line)
        if match and match["file"].startswith(PREFIX):
            rows.append(match.groupdict())
    if {row["file"].removeprefix(PREFIX) for row in rows} != set(FILES):
        raise SystemExit(f"SOURCES.md does not name every file of {FILES}")
    return sorted(rows, key=lambda row: row["file"])


def build(source: Path) -> dict[str, Any]:
    """The data the generated package holds, before it is written as Rego."""
    cluster_roles = {
        item["metadata"]["name"]: _role(item)
        for name in ("cluster-roles.yaml", "controller-roles.yaml")
        for item in _items(source, name)
    }
    cluster_bindings = {
        item["metadata"]["name"]: _binding(item)
        for name in ("cluster-role-bindings.yaml", "controller-role-bindings.yaml")
        for item in _items(source, name)
    }
    roles = _by_namespace(_items(source, "namespace-roles.yaml"), _role)
    role_bindings = _by_namespace(_items(source, "namespace-role-bindings.yaml"), _binding)
    data = {
        "cluster_roles": dict(sorted(cluster_roles.items())),
        "roles": roles,
        "cluster_role_bindings": dict(sorted(cluster_bindings.items())),
        "role_bindings": role_bindings,
        "aggregation_rules": {
            name: role["selectors"]
            for name, role in sorted(cluster_roles.items())
            if "selectors" in role
        },
        "aggregates": _aggregates(cluster_roles),
        "subject_bindings": _subject_index(cluster_bindings, role_bindings),
    }
    data["object_keys"] = _object_keys(data)
    data["harmless_lines"] = _harmless_lines(data)
    missing: dict[str, list[Obj]] = {}
    data["default_judged"] = _default_judged(data, missing, data["harmless_lines"])
    data["default_missing"] = dict(sorted(missing.items()))
    return data


def _literal(value: Any, indent: int, prefix: int = 0) -> str:
    """A Rego literal, one object key or long array item per line, so opa fmt keeps lines short.

    `prefix` is how many characters precede the literal on its line (tabs count as 4)."""
    flat = json.dumps(value, ensure_ascii=False)
    if prefix + len(flat) + 1 <= 100 or not isinstance(value, dict | list) or not value:
        return flat
    pad = "\t" * (indent + 1)
    width = (indent + 1) * 4
    if isinstance(value, dict) and len(value) == 1:
        # The same hug for an object holding one object: `{"key": {` on one line.
        [(key, item)] = value.items()
        hug = isinstance(item, list) and len(item) == 1 and isinstance(item[0], dict)
        if (isinstance(item, dict) and item) or hug:
            inner = _literal(item, indent, prefix + len(json.dumps(key)) + 3)
            if inner.startswith(("{\n", "[{\n")):
                return "{" + json.dumps(key) + ": " + inner + "}"
    if isinstance(value, dict):
        body = [
            f"{pad}{json.dumps(key)}: {_literal(item, indent + 1, width + len(json.dumps(key)) + 2)},"
            for key, item in value.items()
        ]
        return "{\n" + "\n".join(body) + "\n" + "\t" * indent + "}"
    if len(value) == 1 and isinstance(value[0], dict):
        # One object in an array: `[{` on one line, the form opa fmt and Regal both keep.
        return "[" + _literal(value[0], indent, prefix)[:-1] + "}]"
    body = [f"{pad}{_literal(item, indent + 1, width)}," for item in value]
    return "[\n" + "\n".join(body) + "\n" + "\t" * indent + "]"


DOCS = {
    "cluster_roles": "Built-in ClusterRoles by name, with labels, aggregation selectors (if any) and rules.",
    "roles": "Built-in Roles by namespace and name (kube-system, kube-public).",
    "cluster_role_bindings": "Built-in ClusterRoleBindings by name, with roleRef and subjects.",
    "role_bindings": "Built-in RoleBindings by namespace and name.",
    "aggregation_rules": "The clusterRoleSelectors of the built-in aggregated ClusterRoles, by name.",
    "aggregates": "Direct aggregation edges between built-in ClusterRoles (aggregator -> aggregated roles).",
    "object_keys": "kind|namespace|name of every built-in object (a target object with one replaces or merges).",
    "default_missing": "Subject key -> the built-in bindings naming it whose role the data lacks.",
    "harmless_lines": (
        "What the built-in roles granted to everyone allow, as verb resource or verb url lines (harmless)."
    ),
    "default_judged": (
        "Subject key -> the built-in grants naming it that are not harmless, with binding, role and rule indexes."
    ),
    "subject_bindings": (
        "Subject key (ServiceAccount:ns:name, User:name, Group:name) -> the built-in bindings naming it."
    ),
}


def render(source: Path) -> str:
    """The formatted text of bootstrap.rego for the data under `source`."""
    data = build(source)
    header = [
        "# Kubernetes' built-in RBAC policy (bootstrap roles and bindings) as Rego data.",
        "#",
        "# GENERATED by tests/policies/gen_rbac_bootstrap.py from ../shared/data/k8s-bootstrap-rbac;",
        "# do not edit (tests/policies/test_rbac_bootstrap.py regenerates and compares).",
        "#",
        "# Source: Kubernetes, https://github.com/kubernetes/kubernetes, the golden files of",
        "# plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/ at these commits:",
    ]
    header += [
        f"#   {row['file'].removeprefix(PREFIX)} @ {row['commit']}" for row in _sources(source)
    ]
    header += [
        "# Copyright The Kubernetes Authors. Licensed under the Apache License, Version 2.0",
        "# (https://www.apache.org/licenses/LICENSE-2.0); converted (metadata dropped, subjects",
        "# indexed) without changing any rule. The files come from more than one release.",
    ]
    header += [
        "",
        "# METADATA",
        "# title: Kubernetes built-in RBAC",
        "# description: >-",
        "#   The roles and bindings every Kubernetes cluster creates at start-up, so bindings to",
        "#   built-in roles resolve to what they really grant (see riskreg.lib.rbac).",
    ]
    # Generated data is as long as Kubernetes' policy is; the file-length limit is for code.
    lines = [*header, "package riskreg.lib.rbac.bootstrap # regal ignore:file-length", ""]
    for key, value in data.items():
        lines += [
            "# METADATA",
            f"# description: {DOCS[key]}",
            f"{key} := {_literal(value, 0, len(key) + 4)}",
            "",
        ]
    return _fmt("\n".join(lines))


def _fmt(text: str) -> str:
    done = subprocess.run(
        [str(OPA), "fmt"], input=text, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"opa fmt failed: {done.stderr}")
    return done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 when the output is stale")
    args = parser.parse_args(argv)
    text = render(args.source)
    if args.check:
        stale = not args.output.is_file() or args.output.read_text(encoding="utf-8") != text
        print(f"{args.output}: {'stale' if stale else 'up to date'}", file=sys.stderr)
        return 1 if stale else 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
