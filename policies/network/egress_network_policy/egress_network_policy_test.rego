package riskreg.network.egress_network_policy_test

import data.riskreg.lib.testing
import data.riskreg.network.egress_network_policy as control

test_pass_selected_by_egress_policy if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_no_network_policy if {
	target := testing.target([testing.kubernetes[1]])
	testing.fires(control.deny, "/spec/template/metadata/labels") with input as target
}

test_deny_selector_does_not_match if {
	op := testing.replace_at("/spec/podSelector/matchExpressions/0/operator", "NotIn")
	target := testing.kubernetes_with("NetworkPolicy", [op])
	testing.fires(control.deny, "/spec/template/metadata/labels") with input as target
}

test_deny_ingress_only_policy if {
	target := testing.kubernetes_with("NetworkPolicy", [testing.replace_at("/spec/policyTypes", ["Ingress"])])
	testing.fires(control.deny, "/spec/template/metadata/labels") with input as target
}

test_deny_open_egress_rule if {
	op := testing.add_at("/spec/egress/-", {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}]})
	target := testing.kubernetes_with("NetworkPolicy", [op])
	testing.fires(control.deny, "/spec/egress/2") with input as target
}

test_deny_empty_egress_rule if {
	target := testing.kubernetes_with("NetworkPolicy", [testing.replace_at("/spec/egress/0", {})])
	testing.fires(control.deny, "/spec/egress/0") with input as target
}
