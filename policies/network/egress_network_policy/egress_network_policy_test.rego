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

_open_rule := {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": 443, "protocol": "TCP"}]}

test_deny_open_on_one_port if {
	target := testing.kubernetes_with("NetworkPolicy", [testing.add_at("/spec/egress/-", _open_rule)])
	testing.fires(control.deny, "/spec/egress/2") with input as target
}

test_deny_second_policy_opens if {
	second := json.patch(testing.kubernetes[2], [
		testing.replace_at("/metadata/name", "extra"),
		testing.replace_at("/spec/egress", [_open_rule]),
	])
	testing.fires(control.deny, "/spec/egress/0") with input as testing.target(array.concat(testing.kubernetes, [second]))
}

test_deny_context_policy_reported_on_workload if {
	policy := json.patch(testing.kubernetes[2], [testing.replace_at("/spec/egress", [_open_rule])])
	context := [{"path": "ctx/np.yaml", "index": 0, "contents": policy}]
	target := object.union(testing.target([testing.kubernetes[1]]), {"context": context})
	testing.fires(control.deny, "/spec/template/metadata/labels") with input as target
	some finding in control.deny with input as target
	contains(finding.msg, "through NetworkPolicy agents/browsing-agent-egress (ctx/np.yaml, egress rule 0)")
}

test_pass_context_policy_restricts if {
	context := [{"path": "ctx/np.yaml", "contents": testing.kubernetes[2]}]
	target := object.union(testing.target([testing.kubernetes[1]]), {"context": context})
	count(control.deny) == 0 with input as target
	count(control.checked) == 1 with input as target
}

test_deny_undetermined_named_port if {
	rule := {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": "https"}]}
	target := testing.kubernetes_with("NetworkPolicy", [testing.add_at("/spec/egress/-", rule)])
	some finding in control.deny with input as target
	finding.undetermined == true
}

test_pass_fqdn_allowlist if {
	cnp := {
		"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
		"metadata": {"name": "c", "namespace": "agents"},
		"spec": {
			"endpointSelector": {"matchLabels": {"app.kubernetes.io/name": "browsing-agent"}},
			"egress": [{"toFQDNs": [{"matchName": "search.example.com"}], "toPorts": [{"ports": [{"port": "443"}]}]}],
		},
	}
	count(control.deny) == 0 with input as testing.target([testing.kubernetes[1], cnp])
}
