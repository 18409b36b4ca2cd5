# METADATA
# title: Effective RBAC
# description: >-
#   What each ServiceAccount the target's workloads run as may really do, computed once per
#   target: every RoleBinding and ClusterRoleBinding of the target, of its context and of
#   Kubernetes' built-in policy whose subjects reach the account (the ServiceAccount itself, its
#   User name system:serviceaccount:<ns>:<name>, the groups system:serviceaccounts,
#   system:serviceaccounts:<ns> and system:authenticated); the roles they reference, resolved
#   through built-in roles and aggregationRule (transitively); each rule matched as Kubernetes'
#   authorizer matches it (wildcards, */subresource, resourceNames, RoleBinding scope).
#   roles.rego resolves roles, capabilities.rego judges what the grants allow. Records refer to
#   their document by `id` (see `entry`): copying whole documents into every record and set
#   would cost more than the rest of the computation.
package riskreg.lib.rbac

import data.riskreg.lib.input as target
import data.riskreg.lib.rbac.bootstrap
import data.riskreg.lib.workloads as wl

# Every RBAC document of the target ("target") and of its context ("context"), by id: [path,
# index, source, kind, name] (conftest --combine gives every document of a file the same path
# and index; a file may even repeat an object, hence a set per id). Only objects of the RBAC
# API group count: another group's `kind: Role` is not Kubernetes RBAC. (The test is written
# out, not a function: a function call would copy each whole document; one body per source
# instead of iterating an object of both, and no local for the contents, is fewer evaluations.)
_documents[[entry.path, entry.index, "target", entry.contents.kind, wl.object_name(entry.contents)]] contains entry if {
	some entry in target.entries
	entry.contents.kind in {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"}
	is_string(entry.contents.apiVersion)
	startswith(entry.contents.apiVersion, "rbac.authorization.k8s.io/")
}

_documents[id] contains entry if {
	some entry in target.context_entries
	entry.contents.kind in {"Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"}
	is_string(entry.contents.apiVersion)
	startswith(entry.contents.apiVersion, "rbac.authorization.k8s.io/")
	id := [entry.path, entry.index, "context", entry.contents.kind, wl.object_name(entry.contents)]
}

# METADATA
# description: The document entry a record's id names (records of built-in objects have none).
entry(id) := [found | some found in _documents[id]][0]

# METADATA
# description: The key ("namespace/name") of the ServiceAccount a workload of riskreg.lib.workloads runs as.
account_of(workload) := concat("/", [workload.namespace, workload.service_account])

# Subject key (ServiceAccount:ns:name, User:name, Group:name) -> the accounts it reaches.
_reaching[key] contains account if {
	some account in accounts
	[namespace, name] := split(account, "/")
	some key in [
		concat(":", ["ServiceAccount", namespace, name]),
		concat(":", ["User:system:serviceaccount", namespace, name]),
		"Group:system:serviceaccounts",
		concat(":", ["Group:system:serviceaccounts", namespace]),
		"Group:system:authenticated",
	]
}

# METADATA
# scope: document
# description: >-
#   The key a binding subject reaches: a ServiceAccount without a namespace is in the binding's
#   namespace (none for a ClusterRoleBinding, so it reaches nobody), Users and Groups by name.
subject_key(subject, namespace) := concat(":", ["ServiceAccount", account_namespace, subject.name]) if {
	subject.kind == "ServiceAccount"
	is_string(subject.name)
	account_namespace := _non_empty(subject, "namespace", namespace)
	account_namespace != ""
}

subject_key(subject, _) := concat(":", [subject.kind, subject.name]) if {
	subject.kind in {"User", "Group"}
	is_string(subject.name)
}

# METADATA
# description: >-
#   Every RoleBinding and ClusterRoleBinding of the target and its context as {id, kind,
#   namespace, name, source, ref, subjects}: namespace is "" for a ClusterRoleBinding, ref the
#   roleRef {kind, name}. (The lib's collections are arrays: a set would hash every record.)
bindings := [binding |
	some id, entries in _documents
	id[3] in {"RoleBinding", "ClusterRoleBinding"}
	some entry in entries
	contents := entry.contents
	binding := {
		"id": id,
		"kind": id[3],
		"namespace": _object_namespace(contents),
		"name": id[4],
		"source": id[2],
		"ref": _ref(contents),
		"subjects": _array(contents, "subjects"),
	}
]

# (The first branch is the usual roleRef, read without a call of _non_empty per field.)
_ref(contents) := {"kind": ref.kind, "name": ref.name} if {
	ref := contents.roleRef
	is_string(ref.kind)
	ref.kind != ""
	is_string(ref.name)
	ref.name != ""
} else := {"kind": _non_empty(ref, "kind", ""), "name": _non_empty(ref, "name", "")} if {
	ref := contents.roleRef
	is_object(ref)
} else := {"kind": "", "name": ""}

# Each binding of the target or context that reaches an account, as {account, binding, via,
# resolved}: via is the key of the subject that reaches it, resolved its role's definitions.
_own_reaches := [{"account": account, "binding": binding, "via": key, "resolved": resolved(binding)} |
	some binding in bindings
	some subject in binding.subjects
	key := subject_key(subject, binding.namespace)
	some account in _reached[key]
]

# _reaching as one value: a ground look-up of a partial rule evaluates its body again for that
# key unless the whole rule was computed first, and the rule is read whole elsewhere anyway.
# regal ignore:pointless-reassignment
_reached := _reaching

# Kubernetes' own bindings reaching an account (unless an object replaces them).
_builtin_reaches := [{"account": account, "binding": binding, "via": key, "resolved": resolved(binding)} |
	some key, accounts in _reaching
	some ref in bootstrap.subject_bindings[key]
	not [ref.kind, ref.namespace, ref.name] in _replaced
	binding := {
		"id": null,
		"kind": ref.kind,
		"namespace": ref.namespace,
		"name": ref.name,
		"source": "builtin",
		"ref": _builtin_ref(ref),
	}
	some account in accounts
]

_builtin_ref(ref) := bootstrap.cluster_role_bindings[ref.name].roleRef if ref.kind == "ClusterRoleBinding"

else := bootstrap.role_bindings[ref.namespace][ref.name].roleRef

# The reaches judged one by one: the target's and context's, and Kubernetes' own when an
# object in view merges with or replaces a built-in one (otherwise they come precomputed).
_reaches := array.concat(_own_reaches, _builtin_reaches) if _touches_builtin

else := _own_reaches

# An object of the target or context with the kind, namespace and name of a built-in one.
# (Every binding is in `bindings` and every role in `_defined`, both with the kind, namespace and
# name this needs already computed.)
_touches_builtin if {
	some binding in bindings
	bootstrap.object_keys[concat("|", [binding.kind, binding.namespace, binding.name])]
}

_touches_builtin if {
	some key, _ in _defined
	bootstrap.object_keys[concat("|", key)]
}

# An object that also exists as a built-in, annotated so the API server does not reconcile it
# (`rbac.authorization.kubernetes.io/autoupdate: "false"`), replaces the built-in. Otherwise
# Kubernetes adds the built-in's rules, labels and subjects back at start-up: both count.
_replaced contains [kind, _object_namespace(contents), wl.object_name(contents)] if {
	some entries in _documents
	some entry in entries
	contents := entry.contents
	kind := contents.kind
	contents.metadata.annotations["rbac.authorization.kubernetes.io/autoupdate"] == "false"
}

_object_namespace(contents) := wl.namespace(contents) if contents.kind in {"Role", "RoleBinding"}

else := ""

# METADATA
# description: >-
#   The effective grants of the accounts ("namespace/name"), one per rule, as {account,
#   binding, via, role, rule, index, scope}: binding as in `bindings` (source "builtin" and id
#   null for Kubernetes' own), via the key of the subject that reaches the account, role the
#   definition that holds the rule ({id, kind, namespace, name, source}; an aggregated role's
#   rules come from the roles it aggregates), scope the namespace the rule applies in ("" =
#   every namespace).
grants := [grant |
	some reach in array.concat(_own_reaches, _builtin_reaches)
	some definition in reach.resolved
	some i, rule in definition.rules
	is_object(rule)
	grant := {
		"account": reach.account, "binding": reach.binding, "via": reach.via, "role": definition.role,
		"rule": rule, "index": i, "scope": reach.binding.namespace,
	}
]

# METADATA
# description: >-
#   The grants that allow more than Kubernetes' defaults (`harmless`), shaped as `grants`: the
#   ones the controls judge. Built-in grants also carry what the generator computed from their
#   rule once (harmless, wildcards, kubectl; read through grant_wildcards).
judged := array.concat(_judged_reaches, _judged_defaults)

_judged_reaches := [grant |
	some reach in _reaches
	some definition in reach.resolved
	some i, rule in definition.rules
	is_object(rule)
	_harmful(rule) # (not harmless)
	grant := {
		"account": reach.account, "binding": reach.binding, "via": reach.via, "role": definition.role,
		"rule": rule, "index": i, "scope": reach.binding.namespace,
	}
]

# The built-in grants that are not harmless, found by the generator: for most accounts there
# are none, since Kubernetes grants every identity only discovery and self reviews.
_judged_defaults := [grant |
	not _touches_builtin
	some key, accounts in _reaching
	some item in bootstrap.default_judged[key]
	rules := _builtin_rules(item.role)
	some facts in item.rules
	some account in accounts
	grant := {
		"account": account, "binding": item.binding, "via": key, "role": item.role,
		"rule": rules[facts.index], "index": facts.index, "scope": item.binding.namespace,
		"wildcards": facts.wildcards, "kubectl": facts.kubectl,
	}
]

_builtin_rules(role) := bootstrap.cluster_roles[role.name].rules if role.kind == "ClusterRole"

else := bootstrap.roles[role.namespace][role.name].rules

# METADATA
# description: The keys of the ServiceAccounts the target's workloads run as.
accounts contains account_of(workload) if some workload in wl.pod_specs

# METADATA
# description: >-
#   The bindings reaching an account whose role is nowhere (not in the target, the context or
#   Kubernetes' built-in policy), as {account, binding, via}: what they grant is unknown.
missing := array.concat(
	[object.remove(reach, ["resolved"]) |
		some reach in _reaches
		count(reach.resolved) == 0
		valid_ref(reach.binding)
	],
	# (default_missing has far fewer keys than _reaching: walked in the same key order.)
	[object.union(reach, {"account": account}) |
		not _touches_builtin
		some key, reaches in bootstrap.default_missing
		some reach in reaches
		some account in _reaching[key]
	],
)

# METADATA
# scope: document
# description: >-
#   True when a binding references a kind it may: a RoleBinding a Role or a ClusterRole, a
#   ClusterRoleBinding a ClusterRole (the API server rejects anything else).
valid_ref(binding) if {
	binding.kind == "RoleBinding"
	binding.ref.kind in {"Role", "ClusterRole"}
}

valid_ref(binding) if binding.ref.kind == "ClusterRole"

# METADATA
# description: >-
#   True when the account may make the request {verb, group, resource, name, namespace} as
#   Kubernetes' RBAC authorizer decides: resource with its subresource ("pods/exec"), name ""
#   for a request without one (create, list), namespace "" for a cluster-scoped or
#   all-namespaces request (only ClusterRoleBindings grant those).
allows(account, request) if {
	some grant in grants
	grant.account == account
	_in_scope(grant.scope, request.namespace)
	rule_allows(grant.rule, request)
}

_in_scope("", _)

_in_scope(scope, namespace) if {
	scope != ""
	scope == namespace
}

# METADATA
# description: >-
#   True when one RBAC rule allows the request {verb, group, resource, name}: `*` in verbs,
#   apiGroups or resources matches anything, `*/sub` any resource's subresource sub, and
#   resourceNames (when set) must list the request's name.
rule_allows(rule, request) if {
	_any_matches(_array(rule, "verbs"), request.verb)
	_any_matches(_array(rule, "apiGroups"), request.group)
	resource_matches(_array(rule, "resources"), request.resource)
	_name_matches(_array(rule, "resourceNames"), request.name)
}

_any_matches(values, _) if "*" in values

_any_matches(values, wanted) if wanted in values

# METADATA
# scope: document
# description: True when a rule's resources match a requested resource ("pods", "pods/exec").
resource_matches(resources, resource) if _any_matches(resources, resource)

resource_matches(resources, resource) if {
	contains(resource, "/")
	sprintf("*/%s", [substring(resource, indexof(resource, "/") + 1, -1)]) in resources
}

_name_matches(names, _) if count(names) == 0

_name_matches(names, name) if name in names

_array(obj, key) := obj[key] if is_array(obj[key])

else := []

_non_empty(obj, key, fallback) := obj[key] if {
	is_string(obj[key])
	obj[key] != ""
} else := fallback
