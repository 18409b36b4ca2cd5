package riskreg.lib.network_test

import data.riskreg.lib.network
import data.riskreg.lib.testing

_deployment := testing.kubernetes[1]

_np(spec) := {
	"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
	"metadata": {"name": "np", "namespace": "agents"}, "spec": spec,
}

_selector := {"matchLabels": {"app.kubernetes.io/name": "browsing-agent"}}

_egress(rules) := _np({"podSelector": _selector, "policyTypes": ["Egress"], "egress": rules})

# The state of the only workload's verdict for a set of documents besides the Deployment.
_state(docs) := state if {
	# regal ignore:with-outside-test-context
	verdicts := network.verdicts with input as testing.target(array.concat([_deployment], docs))
	[state] := [v.state | some v in verdicts]
}

_size(docs, protocol, port, family) := size if {
	target := testing.target(docs)

	# regal ignore:with-outside-test-context,external-reference
	workloads := network.workloads with input as target
	some id, _ in workloads

	# regal ignore:with-outside-test-context,external-reference
	size := network.reach_size(id, protocol, port, family) with input as target
}

test_pass_parse_every_spelling if {
	network.parse_cidr("010.0.0.0/8") == {"family": 4, "bits": "00001010"}
	network.parse_cidr("1.2.3.4/0") == {"family": 4, "bits": ""}
	network.parse_cidr("::/0") == {"family": 6, "bits": ""}
	network.parse_cidr("2001:DB8::/32").family == 6
	count(network.parse_cidr("::ffff:10.0.0.1").bits) == 128
	network.parse_cidr("1:2:3:4:5:6:7::/16").bits == "0000000000000001"
	network.parse_cidr("7.7.7.7").bits == "00000111000001110000011100000111"
	not network.parse_cidr("0/0")
	not network.parse_cidr("1::2::3/4")
	not network.parse_cidr("1.2.3.4::")
	not network.parse_cidr("300.0.0.0/8")
	not network.parse_cidr("10.0.0.0/33")
	not network.parse_cidr(7)
	network.valid_cidr("010.0.0.0/8")
	network.cidr_text(6, "1") == "8000::/1"
	network.cidr_text(4, "0000101") == "10.0.0.0/7"
}

test_pass_public_space_sizes if {
	network.size(4, network.public_space[4]) == 3702258944
	network.size(6, network.subtract("", {"1"})) == 170141183460469231731687303715884105728
	network.subtract("0", {"0"}) == set()
	network.subtract("0", {"1"}) == {"0"}
	network.subtract("", {"00", "01"}) == {"1"}
}

test_pass_domains if {
	network.domain_verdict("api.example.com") == "ok"
	network.domain_verdict("*.example.com") == "ok"
	network.domain_verdict("API.Example.COM.") == "ok"
	network.domain_verdict(5) == "is not a string"
	every name in [
		"*",
		"*.*",
		"*.com",
		".com",
		"com",
		"*.co.uk",
		"github.io",
		"example.*",
		"1.2.3",
		"a..b",
		"",
		"[::1]",
		"x.com/a",
	] {
		network.domain_verdict(name) != "ok"
	}
}

# Exact verdicts on the shapes domain_verdict's shortcuts decide: names of hexadecimal letters
# only still go through the IP parser, a wildcard label decides the suffix.
test_pass_domain_verdict_texts if {
	network.domain_verdict("dead:beef::") == "is an IP address or range, not a domain (declare it as a cidr)"
	network.domain_verdict("1.2.3.4 .") == "is an IP address or range, not a domain (declare it as a cidr)"
	network.domain_verdict("abc.def") == "ok"
	network.domain_verdict("a.*.co.uk") == "matches every name under the public suffix co.uk"
	network.domain_verdict("x.y.*") == "ends in a wildcard, so it matches names under any top-level domain"
	network.domain_verdict("*a.com") == "matches every name under the top-level domain com"
	network.domain_verdict("a.b.c.123") == "ends in a numeric label, which is not a domain name"
	network.domain_verdict("com") == "is a bare top-level domain (com)"
}

test_pass_private_policy_is_restricted if {
	_state([testing.kubernetes[2]]) == "restricted"
}

test_deny_unrestricted_without_policies if {
	_state([]) == "unrestricted"
	_state([_np({"podSelector": _selector, "policyTypes": ["Ingress"], "egress": [{}]})]) == "unrestricted"
	_state([_np({"podSelector": _selector, "egress": []})]) == "unrestricted"
	_state([object.union(_egress([]), {"metadata": {"namespace": "other"}})]) == "unrestricted"
}

test_pass_default_deny_by_implied_types if {
	_state([_np({"podSelector": {}, "policyTypes": ["Egress"]})]) == "restricted"
	_state([_np({"podSelector": _selector, "egress": [{"to": [{"podSelector": {}}]}]})]) == "restricted"
}

test_deny_open_shapes if {
	_state([_egress([null])]) == "open"
	every rule in [
		{},
		{"ports": [{"port": 443}]},
		{"to": [{"ipBlock": {"cidr": "0.0.0.0/1"}}, {"ipBlock": {"cidr": "128.0.0.0/1"}}]},
		{
			"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"]}}],
			"ports": [{"port": 1, "endPort": 65535}],
		},
		{"to": [{"ipBlock": {"cidr": "::/0"}}], "ports": [{"port": 443, "protocol": "SCTP"}]},
	] {
		_state([_egress([rule])]) == "open"
	}
}

test_pass_sizes_exact if {
	rule := {
		"to": [{"ipBlock": {"cidr": "8.8.8.0/24", "except": ["8.8.8.0/26"]}}],
		"ports": [{"port": 443, "endPort": 444}],
	}
	_size([_deployment, _egress([rule])], "TCP", 444, 4) == 192
	_size([_deployment, _egress([rule])], "TCP", 445, 4) == 0
	_size([_deployment, _egress([rule])], "UDP", 443, 4) == 0
	second := _np({
		"podSelector": {},
		"policyTypes": ["Egress"],
		"egress": [{"to": [{"ipBlock": {"cidr": "8.8.8.0/26"}}]}],
	})
	_size([_deployment, _egress([rule]), second], "TCP", 443, 4) == 256
}

test_deny_undetermined_shapes if {
	_state([_egress([{"to": [{"ipBlock": {"cidr": "0.0.0.0/0"}}], "ports": [{"port": "https"}]}])]) == "undetermined"
	_state([_egress([{"to": [{}], "ports": [{"port": 443, "protocol": "ICMP"}]}])]) == "undetermined"
	_state([_egress([{"to": [{"ipBlock": {"cidr": "0/0"}}]}])]) == "undetermined"
	_state([_np({"podSelector": "app", "policyTypes": ["Egress"]})]) == "undetermined"
	anp := {"kind": "AdminNetworkPolicy", "metadata": {"name": "a"}}
	_state([testing.kubernetes[2], anp]) == "undetermined"
}

_cnp(spec) := {
	"apiVersion": "cilium.io/v2", "kind": "CiliumNetworkPolicy",
	"metadata": {"name": "c", "namespace": "agents"}, "spec": spec,
}

_endpoints := {"matchLabels": {"k8s:app.kubernetes.io/name": "browsing-agent"}}

_cilium(rules) := _cnp({"endpointSelector": _endpoints, "egress": rules})

test_pass_cilium_restrictions if {
	_state([_cilium([{}])]) == "restricted"
	fqdn := {
		"toFQDNs": [{"matchName": "api.example.com"}, {"matchPattern": "*.example.com"}],
		"toPorts": [{"ports": [{"port": "443"}]}],
	}
	_state([_cilium([fqdn])]) == "restricted"
	_state([_cilium([{"toEntities": ["cluster", "kube-apiserver"]}, {"toCIDR": ["10.0.0.0/8"]}])]) == "restricted"
	_state([_cilium([{"toCIDRSet": [{"cidr": "8.8.8.0/24", "except": ["8.8.8.0/25"]}]}])]) == "restricted"
	_state([_cnp({
		"endpointSelector": _endpoints,
		"egress": [{"toEntities": ["world"]}],
		"enableDefaultDeny": {"egress": false},
	})]) == "unrestricted"
	_state([_cnp({"nodeSelector": {}, "egress": [{}]})]) == "unrestricted"
	clusterwide := object.union(_cilium([{}]), {"kind": "CiliumClusterwideNetworkPolicy"})
	_state([clusterwide]) == "restricted"
	specs := object.union(object.remove(_cnp({}), ["spec"]), {"specs": [{"endpointSelector": _endpoints, "egress": [{}]}]})
	_state([specs]) == "restricted"
}

test_deny_cilium_open if {
	every rule in [
		{"toEntities": ["world"]},
		{"toEntities": ["world-ipv4"], "toPorts": [{"ports": [{"port": "80", "endPort": 90, "protocol": "TCP"}]}]},
		{"toEntities": ["world-ipv6"], "toPorts": [{"ports": [{"port": 0}]}]},
		{"toPorts": [{"ports": [{"port": "443", "protocol": "UDP"}]}]},
		{"toCIDRSet": [{"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8"]}]},
		{"toFQDNs": [{"matchPattern": "*"}]},
	] {
		_state([_cilium([rule])]) == "open"
	}
}

test_deny_cilium_undetermined if {
	_state([_cilium([{"toServices": [{"k8sService": {"serviceName": "s"}}]}])]) == "undetermined"
	_state([_cilium([{"toEntities": ["galaxy"]}])]) == "undetermined"
	_state([_cilium([{"toCIDRSet": [{"cidrGroupRef": "g"}]}])]) == "undetermined"
	_state([_cilium([{"toCIDR": ["nope"]}])]) == "undetermined"
	layer7 := {"toEntities": ["world"], "toPorts": [{"ports": [{"port": "https"}], "rules": {"http": [{}]}}]}
	_state([_cilium([layer7])]) == "undetermined"
	deny := {"endpointSelector": _endpoints, "egress": [{"toEntities": ["world"]}], "egressDeny": [{}]}
	_state([_cnp(deny)]) == "undetermined"
	_state([_cnp({"endpointSelector": _endpoints, "egressDeny": [{"toEntities": ["world"]}]})]) == "undetermined"
	_state([_cnp({"egress": [{}]})]) == "undetermined"
	selector := {"matchLabels": {"k8s:io.cilium.k8s.namespace.labels.team": "ai"}}
	_state([_cnp({"endpointSelector": selector, "egress": [{}]})]) == "undetermined"
}

test_pass_cilium_namespace_labels if {
	namespace := {"kind": "Namespace", "metadata": {"name": "agents", "labels": {"team": "ai"}}}
	expression := {"key": "k8s:io.cilium.k8s.namespace.labels.team", "operator": "In", "values": ["ai"]}
	selector := {"matchExpressions": [expression]}
	_state([namespace, _cnp({"endpointSelector": selector, "egress": [{}]})]) == "restricted"
}

_calico(kind, spec) := {
	"apiVersion": "projectcalico.org/v3", "kind": kind,
	"metadata": {"name": "k", "namespace": "agents"}, "spec": spec,
}

_cal(rules) := _calico("NetworkPolicy", {"selector": "app.kubernetes.io/name == 'browsing-agent'", "egress": rules})

test_pass_calico_selectors if {
	labels := {"app": "a", "tier": "ai"}
	network.calico_selector_state("app == 'b'", labels) == "no match"
	network.calico_selector_state("app == 'a' || tier == 'x'", labels) != "no match"
	network.calico_selector_state("(app == 'a')", labels) != "match"
	every selector in [
		"",
		"all()",
		"has(app)",
		"!has(gpu)",
		"app == 'a'",
		"app != \"b\"",
		"tier in {'ai', 'ml'}",
		"tier not in {'web'}",
		"has(app) && tier == 'ai'",
		"gpu != 'a100'", # an absent label: `!=` and `not in` hold
		"gpu not in {'a100'}",
	] {
		network.calico_selector_state(selector, labels) == "match"
	}
}

test_pass_calico_restrictions if {
	private := {"action": "Allow", "protocol": "TCP", "destination": {"nets": ["10.0.0.0/8"], "ports": [443, "8000:9000"]}}
	_state([_cal([private])]) == "restricted"
	_state([_cal([{"action": "Allow", "destination": {"selector": "role == 'db'"}}])]) == "restricted"
	_state([_cal([{"action": "Log"}, {"action": "Allow", "protocol": "ICMP"}])]) == "restricted"
	_state([_cal([{"action": "Allow", "destination": {"domains": ["api.example.com"]}}])]) == "restricted"
	_state([_calico("GlobalNetworkPolicy", {
		"selector": "all()",
		"namespaceSelector": "projectcalico.org/name == 'agents'",
		"types": ["Egress"],
	})]) == "restricted"
	untracked := {"selector": "all()", "doNotTrack": true, "egress": [{"action": "Allow"}]}
	_state([_calico("GlobalNetworkPolicy", untracked)]) == "unrestricted"
}

test_deny_calico_open if {
	_state([_cal([{"action": "Allow"}])]) == "open"
	_state([_cal([{"action": "Allow", "ipVersion": 6, "destination": {"notNets": ["2001:db8::/32"]}}])]) == "open"
	numbered := {"action": "Allow", "protocol": 6, "destination": {"nets": ["0.0.0.0/0"], "ports": ["1:65535"]}}
	_state([_cal([numbered])]) == "open"
	set := {
		"apiVersion": "projectcalico.org/v3",
		"kind": "GlobalNetworkSet",
		"metadata": {"name": "s", "labels": {"role": "x"}},
		"spec": {"nets": ["::/0"]},
	}
	_state([set, _cal([{"action": "Allow", "destination": {"selector": "role == 'x'"}}])]) == "open"
}

test_deny_calico_undetermined if {
	_state([_cal([{"action": "Deny", "destination": {"nets": ["1.0.0.0/8"]}}, {"action": "Allow"}])]) == "undetermined"
	_state([_cal([{"action": "Pass"}])]) == "undetermined"
	_state([_cal([{"action": "Allow", "destination": {"selector": "a || b"}}])]) == "undetermined"
	_state([_cal([{"action": "Allow", "protocol": "TCP", "destination": {"ports": ["web"]}}])]) == "undetermined"
	_state([_cal([{"action": "Allow", "destination": {"notPorts": [22]}}])]) == "undetermined"
	_state([_calico("NetworkPolicy", {"selector": "a || b", "egress": [{"action": "Allow"}]})]) == "undetermined"
	accounts := {"serviceAccountSelector": "role == 'x'", "egress": [{"action": "Allow"}]}
	_state([_calico("NetworkPolicy", accounts)]) == "undetermined"
	tiered := _calico("NetworkPolicy", {"tier": "security", "egress": [{"action": "Allow"}]})
	_state([tiered]) == "undetermined"
	global := _calico("GlobalNetworkPolicy", {"namespaceSelector": "team == 'ai'", "egress": [{"action": "Allow"}]})
	_state([global]) == "undetermined"
}

test_pass_declared_entries if {
	target := testing.target([testing.aideployment])
	some id, declaration in network.declarations with input as target
	[entry | some entry in declaration.entries; entry.any_public] == []
	network.declared_open[id] == set() with input as target
	both := testing.target(array.concat([testing.aideployment], testing.kubernetes))
	count(network.linked[id]) == 1 with input as both
	network.undeclared[id] == set() with input as both
}
