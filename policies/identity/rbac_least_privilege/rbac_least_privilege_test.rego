package riskreg.identity.rbac_least_privilege_test

import data.riskreg.identity.rbac_least_privilege as control
import data.riskreg.lib.testing

_sa := {"kind": "ServiceAccount", "name": "browsing-agent", "namespace": "agents"}

_role(kind, name, rules) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
	"metadata": {"name": name, "namespace": "agents"}, "rules": rules,
}

_binding(kind, subjects, ref_kind, ref_name) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
	"metadata": {"name": "extra", "namespace": "agents"}, "subjects": subjects,
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref_name},
}

# The compliant documents, then the extra ones (RBAC at index 5 onwards).
_everyone := {"kind": "Group", "name": "system:authenticated"}

_with(docs) := testing.target(array.concat(testing.kubernetes, docs))

test_pass_namespaced_role if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
	count(control.checked) == 1 with input as testing.target(testing.kubernetes)
}

test_pass_kubernetes_default_bindings if {
	defaults := [
		_binding("ClusterRoleBinding", [_everyone], "ClusterRole", "system:basic-user"),
		_binding(
			"ClusterRoleBinding",
			[{"kind": "Group", "name": "system:authenticated"}, {"kind": "Group", "name": "system:unauthenticated"}],
			"ClusterRole", "system:service-account-issuer-discovery",
		),
	]
	count(control.deny) == 0 with input as _with(defaults)
}

test_pass_same_name_in_another_namespace if {
	other := _binding("ClusterRoleBinding", [object.union(_sa, {"namespace": "ci"})], "ClusterRole", "cluster-admin")
	count(control.deny) == 0 with input as _with([other])
}

test_pass_bindings_alone_are_checked if {
	role := _role("Role", "r", [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}])
	binding := _binding("RoleBinding", [{"kind": "Group", "name": "system:serviceaccounts:agents"}], "Role", "r")
	count(control.checked) == 1 with input as testing.target([role, binding])
	count(control.deny) == 0 with input as testing.target([role, binding])
}

test_deny_wildcard_verbs if {
	target := testing.kubernetes_with("Role", [testing.replace_at("/rules/0/verbs", ["*"])])
	testing.fires(control.deny, "/rules/0/verbs") with input as target
}

test_deny_cluster_admin if {
	findings := control.deny with input as _with([_binding("ClusterRoleBinding", [_sa], "ClusterRole", "cluster-admin")])
	testing.fires(findings, "/roleRef")
	count(findings) >= 3 # in every namespace, wildcards, escalation classes
}

test_deny_escalation_verbs if {
	every verb in ["escalate", "bind"] {
		role := _role("Role", "r", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles"], "verbs": [verb]}])
		findings := control.deny with input as _with([role, _binding("RoleBinding", [_sa], "Role", "r")])
		testing.fires(findings, "/rules/0")
	}
}

test_deny_impersonation if {
	role := _role("Role", "r", [{"apiGroups": [""], "resources": ["serviceaccounts"], "verbs": ["impersonate"]}])
	findings := control.deny with input as _with([role, _binding("RoleBinding", [_sa], "Role", "r")])
	some finding in findings
	contains(finding.msg, "impersonation: impersonate serviceaccounts")
}

test_deny_everyone_groups if {
	role := _role("ClusterRole", "r", [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}])
	every group in ["system:authenticated", "system:unauthenticated", "system:serviceaccounts"] {
		binding := _binding("RoleBinding", [{"kind": "Group", "name": group}], "ClusterRole", "r")
		testing.fires(control.deny, "/subjects/0") with input as _with([role, binding])
	}
	anonymous := _binding("RoleBinding", [_sa, {"kind": "User", "name": "system:anonymous"}], "ClusterRole", "r")
	testing.fires(control.deny, "/subjects/1") with input as _with([role, anonymous])
}

test_deny_everyone_bound_to_a_missing_role if {
	binding := _binding("RoleBinding", [{"kind": "Group", "name": "system:unauthenticated"}], "ClusterRole", "nowhere")
	some finding in control.deny with input as _with([binding])
	finding.undetermined
	finding.path == ["subjects", 0]
}

test_deny_cluster_wide_grant_of_a_plain_read if {
	role := _role("ClusterRole", "r", [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}])
	findings := control.deny with input as _with([role, _binding("ClusterRoleBinding", [_sa], "ClusterRole", "r")])
	testing.fires(findings, "/roleRef")
	not testing.fires(findings, "/rules/0")
}

test_deny_missing_role_is_undetermined if {
	findings := control.deny with input as _with([_binding("RoleBinding", [_sa], "ClusterRole", "nowhere")])
	some finding in findings
	finding.undetermined
	contains(finding.msg, "ClusterRole nowhere")
}

test_deny_context_binding_points_at_the_workload if {
	binding := _binding("ClusterRoleBinding", [_sa], "ClusterRole", "cluster-admin")
	ctx := object.union(testing.target(testing.kubernetes), {"context": [{"path": "c.yaml", "contents": binding}]})
	findings := control.deny with input as ctx
	testing.fires(findings, "/spec/template/spec/serviceAccountName")
	every finding in findings {
		finding.file == "tests/target/manifests.yaml"
	}
}

test_deny_context_role_points_at_own_binding if {
	role := _role("ClusterRole", "wide", [{"apiGroups": ["*"], "resources": ["configmaps"], "verbs": ["get"]}])
	own := _with([_binding("RoleBinding", [_sa], "ClusterRole", "wide")])
	ctx := object.union(own, {"context": [{"path": "c.yaml", "contents": role}]})
	testing.fires(control.deny, "/roleRef") with input as ctx
}
