package riskreg.proliferation.workload_creation_rbac_test

import data.riskreg.lib.testing
import data.riskreg.proliferation.workload_creation_rbac as control

test_pass_read_config_only if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_create_pods if {
	op := testing.replace_at("/rules/0", {"apiGroups": [""], "resources": ["pods"], "verbs": ["create"]})
	target := testing.kubernetes_with("Role", [op])
	testing.fires(control.deny, "/rules/0") with input as target
}

test_deny_wildcard_resources if {
	op := testing.replace_at("/rules/0", {"apiGroups": ["*"], "resources": ["*"], "verbs": ["create"]})
	target := testing.kubernetes_with("Role", [op])
	testing.fires(control.deny, "/rules/0") with input as target
}

test_deny_read_secrets if {
	target := testing.kubernetes_with("Role", [testing.replace_at("/rules/0/resources", ["secrets"])])
	testing.fires(control.deny, "/rules/0") with input as target
}

test_deny_builtin_edit_role if {
	binding := json.patch(testing.kubernetes[4], [testing.replace_at("/roleRef", {"kind": "ClusterRole", "name": "edit"})])
	target := testing.target([testing.kubernetes[1], binding])
	testing.fires(control.deny, "/roleRef") with input as target
}
