package riskreg.proliferation.workload_creation_rbac_test

import data.riskreg.lib.testing
import data.riskreg.proliferation.workload_creation_rbac as control

_sa := {"kind": "ServiceAccount", "name": "browsing-agent", "namespace": "agents"}

_binding(subjects, ref_kind, ref_name) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
	"metadata": {"name": "extra", "namespace": "agents"}, "subjects": subjects,
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref_name},
}

_with(docs) := testing.target(array.concat(testing.kubernetes, docs))

_rule(rule) := testing.kubernetes_with("Role", [testing.replace_at("/rules/0", rule)])

test_pass_read_config_only if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
	count(control.checked) == 1 with input as testing.target(testing.kubernetes)
}

test_pass_one_named_secret if {
	target := testing.kubernetes_with("Role", [testing.replace_at("/rules/0/resources", ["secrets"])])
	count(control.deny) == 0 with input as target
}

test_pass_create_narrowed_by_name_cannot_create if {
	rule := {"apiGroups": [""], "resources": ["pods"], "resourceNames": ["x"], "verbs": ["create"]}
	count(control.deny) == 0 with input as _rule(rule)
}

test_pass_builtin_view if {
	count(control.deny) == 0 with input as _with([_binding([_sa], "ClusterRole", "view")])
}

test_deny_create_pods if {
	rule := {"apiGroups": [""], "resources": ["pods"], "verbs": ["create"]}
	testing.fires(control.deny, "/rules/0") with input as _rule(rule)
}

test_deny_wildcard_resources if {
	findings := control.deny with input as _rule({"apiGroups": ["*"], "resources": ["*"], "verbs": ["create"]})
	testing.fires(findings, "/rules/0")
	some finding in findings
	contains(finding.msg, "workload creation: ")
}

test_deny_everything_says_so if {
	findings := control.deny with input as _rule({"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]})
	some finding in findings
	contains(finding.msg, "every verb on every resource")
}

test_deny_read_every_secret if {
	rule := {"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]}
	testing.fires(control.deny, "/rules/0") with input as _rule(rule)
}

test_deny_named_subresources if {
	every resource in ["pods/exec", "serviceaccounts/token"] {
		rule := {"apiGroups": [""], "resources": [resource], "resourceNames": ["one"], "verbs": ["create"]}
		testing.fires(control.deny, "/rules/0") with input as _rule(rule)
	}
}

test_deny_builtin_edit_role if {
	binding := json.patch(testing.kubernetes[4], [testing.replace_at("/roleRef", {"kind": "ClusterRole", "name": "edit"})])
	target := testing.target([testing.kubernetes[1], binding])
	testing.fires(control.deny, "/roleRef") with input as target
}

test_deny_aggregated_custom_role if {
	custom := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
		"metadata": {"name": "launcher", "labels": {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}},
		"rules": [{"apiGroups": ["batch"], "resources": ["cronjobs"], "verbs": ["create"]}],
	}
	findings := control.deny with input as _with([custom, _binding([_sa], "ClusterRole", "admin")])
	some finding in findings
	finding.resource == "ClusterRole//launcher"
	contains(finding.msg, "aggregating ClusterRole launcher")
}

test_deny_missing_role if {
	some finding in control.deny with input as _with([_binding([_sa], "Role", "nowhere")])
	finding.undetermined
}
