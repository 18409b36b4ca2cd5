package riskreg.identity.rbac_least_privilege_test

import data.riskreg.identity.rbac_least_privilege as control
import data.riskreg.lib.testing

test_pass_namespaced_role if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_wildcard_verbs if {
	target := testing.kubernetes_with("Role", [testing.replace_at("/rules/0/verbs", ["*"])])
	testing.fires(control.deny, "/rules/0/verbs") with input as target
}

test_deny_cluster_admin if {
	binding := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
		"metadata": {"name": "agent-admin"},
		"subjects": [{"kind": "ServiceAccount", "name": "browsing-agent", "namespace": "agents"}],
		"roleRef": {"kind": "ClusterRole", "name": "cluster-admin"},
	}
	findings := control.deny with input as testing.target(array.concat(testing.kubernetes, [binding]))
	testing.fires(findings, "/roleRef")
	testing.fires(findings, "/roleRef/verbs")
}
