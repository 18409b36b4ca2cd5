package riskreg.network.egress_declared_verified_test

import data.riskreg.lib.testing
import data.riskreg.network.egress_declared_verified as control

_both(kubernetes) := testing.target(array.concat([testing.aideployment], kubernetes))

_public_rule := {"to": [{"ipBlock": {"cidr": "140.82.112.0/26"}}], "ports": [{"port": 443, "protocol": "TCP"}]}

_with_rule(rule) := [_add_rule(doc, rule) | some doc in testing.kubernetes]

_add_rule(doc, rule) := json.patch(doc, [testing.add_at("/spec/egress/-", rule)]) if doc.kind == "NetworkPolicy"

else := doc

test_pass_verified_when_both_agree if {
	count(control.deny) == 0 with input as _both(testing.kubernetes)
	{item.assurance | some item in control.checked} == {"verified"} with input as _both(testing.kubernetes)
}

test_pass_attested_with_declaration_only if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	{item.assurance | some item in control.checked} == {"attested"} with input as testing.target([testing.aideployment])
}

test_deny_declared_deny_but_unrestricted if {
	testing.fires(control.deny, "/spec/egress/defaultPolicy") with input as _both([testing.kubernetes[1]])
}

test_deny_undeclared_public_range if {
	testing.fires(control.deny, "/spec/egress/allowlist") with input as _both(_with_rule(_public_rule))
}

test_pass_declared_public_range if {
	entry := {"cidr": "140.82.112.0/26", "ports": [443], "protocols": ["HTTPS"]}
	declaration := json.patch(testing.aideployment, [testing.add_at("/spec/egress/allowlist/-", entry)])
	target := testing.target(array.concat([declaration], _with_rule(_public_rule)))
	count(control.deny) == 0 with input as target
}

test_deny_undeclared_ports if {
	entry := {"cidr": "140.82.112.0/26", "ports": [443], "protocols": ["HTTPS"]}
	declaration := json.patch(testing.aideployment, [testing.add_at("/spec/egress/allowlist/-", entry)])
	rule := {"to": [{"ipBlock": {"cidr": "140.82.112.0/26"}}]}
	testing.fires(control.deny, "/spec/egress/allowlist") with input as testing.target(array.concat(
		[declaration],
		_with_rule(rule),
	))
}

_cnp(names) := {
	"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
	"metadata": {"name": "c", "namespace": "agents"},
	"spec": {
		"endpointSelector": {"matchLabels": {"app.kubernetes.io/name": "browsing-agent"}},
		"egress": [{
			"toFQDNs": [{"matchName": name} | some name in names],
			"toPorts": [{"ports": [{"port": "443", "protocol": "TCP"}]}],
		}],
	},
}

test_pass_declared_names if {
	count(control.deny) == 0 with input as _both([testing.kubernetes[1], _cnp(["search.example.com"])])
}

test_deny_undeclared_name if {
	testing.fires(control.deny, "/spec/egress/allowlist") with input as _both([
		testing.kubernetes[1],
		_cnp(["uploads.example.net"]),
	])
}

# Protocol ANY includes UDP 443 (QUIC), which a declared HTTPS entry does not cover.
test_deny_any_protocol_beyond_https if {
	cnp := json.patch(_cnp(["search.example.com"]), [testing.remove_at("/spec/egress/0/toPorts/0/ports/0/protocol")])
	testing.fires(control.deny, "/spec/egress/allowlist") with input as _both([testing.kubernetes[1], cnp])
}

test_deny_undetermined_egress if {
	rule := {"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": "https"}]}
	some finding in control.deny with input as _both(_with_rule(rule))
	finding.undetermined == true
}
