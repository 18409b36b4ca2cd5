# METADATA
# title: Kubernetes helpers
# description: >-
#   Workloads and their pod templates, containers, NetworkPolicy selection and the RBAC
#   grants of a ServiceAccount, all read from the normalised entries of riskreg.lib.input.
package riskreg.lib.k8s

import data.riskreg.lib.input as target

# METADATA
# description: The kinds whose documents carry a pod template (or are a pod).
workload_kinds := {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}

# METADATA
# description: >-
#   Every workload of the target as {entry, kind, name, namespace, spec, labels, path,
#   service_account}: spec is the pod spec, path its dotted location in the document.
workloads contains workload if {
	some entry in target.entries
	entry.contents.kind in workload_kinds
	some template in _templates(entry.contents)
	is_object(template.spec)
	workload := {
		"entry": entry,
		"kind": entry.contents.kind,
		"name": _string(_object(entry.contents, "metadata"), "name", ""),
		"namespace": namespace(entry.contents),
		"spec": template.spec,
		"labels": _object(template.metadata, "labels"),
		"path": template.path,
		"labels_path": template.labels_path,
		"service_account": service_account(template.spec),
	}
}

_templates(obj) := {object.union(template, paths)} if {
	obj.kind == "Pod"
	template := {"spec": obj.spec, "metadata": _object(obj, "metadata")}
	paths := {"path": "spec", "labels_path": "metadata.labels"}
}

_templates(obj) := {object.union(template, paths)} if {
	obj.kind == "CronJob"
	template := _with_metadata(obj.spec.jobTemplate.spec.template)
	paths := {
		"path": "spec.jobTemplate.spec.template.spec",
		"labels_path": "spec.jobTemplate.spec.template.metadata.labels",
	}
}

_templates(obj) := {object.union(template, paths)} if {
	not obj.kind in {"Pod", "CronJob"}
	template := _with_metadata(obj.spec.template)
	paths := {"path": "spec.template.spec", "labels_path": "spec.template.metadata.labels"}
}

_with_metadata(template) := {"spec": template.spec, "metadata": _object(template, "metadata")}

# METADATA
# description: The namespace of an object, `default` when it names none.
namespace(obj) := _string(_object(obj, "metadata"), "namespace", "default")

# METADATA
# description: The ServiceAccount a pod spec runs as (serviceAccountName, its old alias, or default).
service_account(spec) := spec.serviceAccountName if {
	is_string(spec.serviceAccountName)
} else := spec.serviceAccount if {
	is_string(spec.serviceAccount)
} else := "default"

# METADATA
# description: >-
#   Every container of every workload, init and ephemeral ones included, as
#   {workload, container, path} with path like spec.template.spec.containers[0].
containers contains item if {
	some workload in workloads
	some field in ["initContainers", "containers", "ephemeralContainers"]
	list := workload.spec[field]
	is_array(list)
	some i, container in list
	is_object(container)
	item := {
		"workload": workload,
		"container": container,
		"path": sprintf("%s.%s[%d]", [workload.path, field, i]),
	}
}

# METADATA
# description: True when a Kubernetes label selector (matchLabels, matchExpressions) selects labels.
selector_matches(selector, labels) if {
	is_object(selector)
	every key, value in _object(selector, "matchLabels") {
		labels[key] == value
	}
	every expression in _array(selector, "matchExpressions") {
		_expression_matches(expression, labels)
	}
}

_expression_matches(expression, labels) if {
	expression.operator == "In"
	labels[expression.key] in _array(expression, "values")
}

_expression_matches(expression, labels) if {
	expression.operator == "NotIn"
	not labels[expression.key] in _array(expression, "values")
}

_expression_matches(expression, labels) if {
	expression.operator == "Exists"
	expression.key in object.keys(labels)
}

_expression_matches(expression, labels) if {
	expression.operator == "DoesNotExist"
	not expression.key in object.keys(labels)
}

# METADATA
# description: The NetworkPolicy entries of the workload's namespace whose podSelector selects its pods.
network_policies_for(workload) := {entry |
	some entry in target.of_kind("NetworkPolicy")
	namespace(entry.contents) == workload.namespace
	selector_matches(object.get(_object(entry.contents, "spec"), "podSelector", {}), workload.labels)
}

# METADATA
# scope: document
# description: True when a NetworkPolicy restricts egress (policyTypes has Egress, or egress rules are set).
restricts_egress(policy) if "Egress" in _array(_object(policy, "spec"), "policyTypes")

restricts_egress(policy) if {
	spec := _object(policy, "spec")
	not "policyTypes" in object.keys(spec)
	"egress" in object.keys(spec)
}

# METADATA
# description: The indexes of egress rules that allow every destination on every port.
open_egress_rules(policy) := {i |
	some i, rule in _array(_object(policy, "spec"), "egress")
	count(_array(rule, "ports")) == 0
	_open_destination(rule)
}

_open_destination(rule) if count(_array(rule, "to")) == 0

_open_destination(rule) if {
	some peer in _array(rule, "to")
	peer.ipBlock.cidr in {"0.0.0.0/0", "::/0"}
	count(_array(peer.ipBlock, "except")) == 0
}

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
	grant := _grant(binding, role, rule, sprintf("rules[%d]", [i]))
}

_builtin_grants(binding) := {_grant(binding, binding, rule, "roleRef") |
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
