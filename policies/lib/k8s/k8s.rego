# METADATA
# title: Kubernetes helpers
# description: >-
#   The RBAC grants of a ServiceAccount, read from the normalised entries of riskreg.lib.input;
#   workloads and containers come from riskreg.lib.workloads, effective egress from
#   riskreg.lib.network.
package riskreg.lib.k8s

import data.riskreg.lib.input as target
import data.riskreg.lib.workloads as wl

# METADATA
# description: Every pod spec of the target (see riskreg.lib.workloads).
workloads := wl.pod_specs

# METADATA
# description: Every container of every workload (see riskreg.lib.workloads).
containers := wl.containers

# METADATA
# description: The namespace of an object, `default` when it names none.
namespace(obj) := wl.namespace(obj)

# METADATA
# description: True when a Kubernetes label selector (matchLabels, matchExpressions) selects labels.
selector_matches(selector, labels) if wl.selector_matches(selector, labels)

# METADATA
# description: The ServiceAccount entries a workload runs as (when the target holds them).
service_accounts_for(workload) := {entry |
	some entry in target.of_kind("ServiceAccount")
	_string(_object(entry.contents, "metadata"), "name", "") == workload.service_account
	namespace(entry.contents) == workload.namespace
}

# METADATA
# description: >-
#   The RBAC rules a workload's ServiceAccount holds, as {binding, role, rule, path, cluster_wide}:
#   binding and role are entries (role is the binding for well-known ClusterRoles not in the target).
grants_for(workload) := {grant |
	some binding in _bindings_for(workload)
	some grant in _grants_of(binding)
}

_bindings_for(workload) := {entry |
	some kind in {"RoleBinding", "ClusterRoleBinding"}
	some entry in target.of_kind(kind)
	some subject in _array(entry.contents, "subjects")
	_subject_is(subject, entry, workload)
}

_subject_is(subject, binding, workload) if {
	subject.kind == "ServiceAccount"
	subject.name == workload.service_account
	_string(subject, "namespace", _binding_namespace(binding)) == workload.namespace
}

_subject_is(subject, _, workload) if {
	subject.kind == "Group"
	subject.name in {"system:serviceaccounts", concat(":", ["system:serviceaccounts", workload.namespace])}
}

_binding_namespace(binding) := namespace(binding.contents) if binding.contents.kind == "RoleBinding"

else := ""

_grants_of(binding) := _defined_grants(binding) | _builtin_grants(binding)

_defined_grants(binding) := {grant |
	some role in _roles(binding.contents.roleRef, binding)
	some i, rule in _array(role.contents, "rules")
	grant := _grant(binding, role, rule, ["rules", i])
}

_builtin_grants(binding) := {_grant(binding, binding, rule, ["roleRef"]) |
	binding.contents.roleRef.kind == "ClusterRole"
	count(_roles(binding.contents.roleRef, binding)) == 0
	some rule in builtin_cluster_roles[binding.contents.roleRef.name]
}

_grant(binding, role, rule, path) := {
	"binding": binding,
	"role": role,
	"rule": rule,
	"path": path,
	"cluster_wide": binding.contents.kind == "ClusterRoleBinding",
}

_roles(ref, _) := {entry |
	some entry in target.of_kind("ClusterRole")
	entry.contents.metadata.name == ref.name
} if {
	ref.kind == "ClusterRole"
}

_roles(ref, binding) := {entry |
	some entry in target.of_kind("Role")
	entry.contents.metadata.name == ref.name
	namespace(entry.contents) == namespace(binding.contents)
} if {
	ref.kind == "Role"
}

# METADATA
# description: The rules of Kubernetes' default user-facing ClusterRoles, for bindings to them.
builtin_cluster_roles := {
	"cluster-admin": [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}],
	"admin": [_builtin_workload_rule],
	"edit": [_builtin_workload_rule],
}

_builtin_workload_rule := {
	"apiGroups": ["", "apps", "batch"],
	"resources": ["pods", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs", "secrets"],
	"verbs": ["create", "delete", "get", "list", "patch", "update", "watch"],
}

# METADATA
# description: True when an RBAC rule allows verb on resource in apiGroup (wildcards included).
rule_allows(rule, verb, group, resource) if {
	_matches(_array(rule, "verbs"), verb)
	_matches(_array(rule, "apiGroups"), group)
	_matches(_array(rule, "resources"), resource)
}

_matches(values, wanted) if wanted in values

_matches(values, _) if "*" in values

# METADATA
# description: A string field of an object, or the fallback when it is missing or not a string.
_string(obj, key, fallback) := obj[key] if is_string(obj[key])

else := fallback

_object(obj, key) := obj[key] if is_object(obj[key])

else := {}

_array(obj, key) := obj[key] if is_array(obj[key])

else := []
