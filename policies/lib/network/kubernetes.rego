# Kubernetes NetworkPolicy semantics: Which networking.k8s.io NetworkPolicies select a workload's
# pods and what their egress rules allow, as the normalised rules of riskreg.lib.network (see
# network.rego). Follows the API's own defaulting: policyTypes absent means Egress only when egress
# rules exist; a rule without `to` or `ports` allows every destination or port; a null rule is an
# empty one.
package riskreg.lib.network

import data.riskreg.lib.workloads as wl

_all_ports := [
	{"protocol": "TCP", "from": 1, "to": 65535},
	{"protocol": "UDP", "from": 1, "to": 65535},
	{"protocol": "SCTP", "from": 1, "to": 65535},
]

_protocols := {"TCP", "UDP", "SCTP"}

# NetworkPolicy is also a Calico kind; the API group tells them apart (no apiVersion: Kubernetes).
_kubernetes_policy(obj) if {
	startswith(obj.apiVersion, "networking.k8s.io/")
} else if {
	not is_string(object.get(obj, "apiVersion", null))
} else if {
	obj.apiVersion == "extensions/v1beta1"
}

_k8s_policies[id] := {
	"entry": entry,
	"engine": "NetworkPolicy",
	"namespace": wl.namespace(entry.contents),
	"selector": selector,
	"restricts": restricts,
	"contributes": restricts,
	"rules": rules,
	"matters": _k8s_matters(rules),
	"approx": set(),
	"undetermined": set(),
} if {
	some entry in _relevant
	entry.contents.kind == "NetworkPolicy"
	_kubernetes_policy(entry.contents)
	id := _policy_id(entry)
	spec := _field(entry.contents, "spec", {})
	selector := _field(spec, "podSelector", {})
	egress := _list(spec, "egress")
	restricts := _k8s_restricts(spec, egress)
	rules := [_k8s_rule(i, rule) | some i, rule in egress]
}

# A Kubernetes rule never names DNS names: it matters when it reaches a public address.
_k8s_matters(rules) if {
	some rule in rules
	rule.any_public
} else := false

# The API server defaults policyTypes to [Ingress], plus Egress when there are egress rules.
_k8s_restricts(spec, egress) := "Egress" in spec.policyTypes if {
	is_array(spec.policyTypes)
	count(spec.policyTypes) > 0
} else := count(egress) > 0

_k8s_selection(policy, workload) := _selector_state(policy.selector, workload.labels) if {
	policy.namespace == workload.namespace
} else := "no match"

# A rule's ports are only read (by _k8s_rule_ports) when it reaches a public address: no other
# rule can make egress open, and most targets have none.
_k8s_rule(i, raw) := {
	"path": ["spec", "egress", i],
	"raw": rule,
	"public": public,
	"any_public": any_public,
	"fqdns": set(),
	"approx": set(),
} if {
	rule := _object_or_empty(raw)
	[public, any_public] := _k8s_public(_list(rule, "to"))
}

_k8s_rule_ports(rule) := [_k8s_ports(ports), (port_issues | _k8s_peer_issues(_list(rule, "to")))] if {
	ports := _list(rule, "ports")
	port_issues := {reason | some item in ports; reason := _k8s_port_issue(item)}
}

# No ports (or an empty list): every port of every protocol.
_k8s_ports([]) := _all_ports

_k8s_ports(items) := [range | some item in items; some range in _k8s_port_ranges(item)] if count(items) > 0

_k8s_protocol(item) := object.get(item, "protocol", "TCP")

# The common case (a known protocol and a number, with a valid endPort or none) is read as is;
# anything else is every port of the protocol (or of every protocol), flagged by _k8s_port_issue.
_k8s_port_ranges(item) := [_range(protocol, item.port, object.get(item, "endPort", item.port))] if {
	protocol := _k8s_protocol(item)
	protocol in {"TCP", "UDP", "SCTP"}
	_valid_port(item.port)
	_valid_end(item)
} else := [_range(protocol, 1, 65535)] if {
	protocol := _k8s_protocol(item)
	protocol in {"TCP", "UDP", "SCTP"}
} else := [_range(protocol, 1, 65535) | some protocol in ["TCP", "UDP", "SCTP"]]

_valid_end(item) if not "endPort" in object.keys(item)

_valid_end(item) if {
	_valid_port(item.endPort)
	item.endPort >= item.port
}

_k8s_port_issue(item) := sprintf("protocol %v is not TCP, UDP or SCTP: counted as every protocol", [item.protocol]) if {
	not _k8s_protocol(item) in _protocols
} else := reason if {
	"port" in object.keys(item)
	not _numeric_span(item)
	args := [item.port, object.get(item, "endPort", "none")]
	reason := sprintf(
		concat(" ", [
			"port %v (endPort %v) is not a number range (a named port is resolved on the destination pod,",
			"and a public address has none): counted as every port",
		]),
		args,
	)
}

_numeric_span(item) if {
	_valid_port(item.port)
	_valid_end(item)
}

_valid_port(port) if {
	is_number(port)
	port == round(port)
	port >= 1
	port <= 65535
}

_range(protocol, from, to) := {"protocol": protocol, "from": from, "to": to}

# [public prefixes per family, whether there are any]. No `to` (or an empty one): every
# destination. Peers without an ipBlock are pods (in-cluster).
# (One else chain: a function of several definitions evaluates every one of them.)
_k8s_public(peers) := _every_public if {
	peers == []
} else := _none_public if {
	every peer in peers {
		_private_peer(peer)
	}
} else := [public, _any(public)] if {
	public := _union_public([_k8s_peer(peer) | some peer in peers])
}

_private_peer(peer) if {
	inside_excluded(peer.ipBlock.cidr)
} else if {
	not _has_ip_block(peer)
	_selector_peer(peer)
}

_every_public := [public_space, _any(public_space)]

_none_public := [_no_public, false]

# An ipBlock that is missing or null is none.
_has_ip_block(peer) if peer.ipBlock != null

_selector_peer(peer) if {
	peer.podSelector != null
} else if {
	peer.namespaceSelector != null
}

_k8s_peer(peer) := _ip_block(peer.ipBlock) if {
	is_object(peer.ipBlock)
} else := _in_cluster if {
	is_object(peer)
	_selector_peer(peer)
} else := _everywhere(set())

_k8s_peer_issues(peers) := ({reason |
	some peer in peers
	not is_object(_field(peer, "ipBlock", null))
	not _selector_peer(peer)
	reason := "an egress peer names neither ipBlock nor a selector (invalid): counted as every destination"
} | {reason |
	some peer in peers
	block := peer.ipBlock
	not valid_cidr(object.get(block, "cidr", null))
	reason := sprintf("ipBlock cidr %v is not a CIDR: counted as every destination", [block.cidr])
}) | {reason |
	some peer in peers
	some text in _list(peer.ipBlock, "except")
	not valid_cidr(text)
	reason := sprintf("ipBlock except %v is not a CIDR: ignored", [text])
}

_ip_block(block) := _in_cluster if {
	inside_excluded(block.cidr)
} else := {"public": public, "approx": set()} if {
	public := _public_of(block.cidr, _list(block, "except"))
} else := _everywhere(set())

_no_public := {4: set(), 6: set()}

_any(public) if {
	public[4] != set()
} else if {
	public[6] != set()
} else := false

_in_cluster := {"public": _no_public, "approx": set()}

_everywhere(approx) := {"public": public_space, "approx": approx}

# METADATA
# description: The public prefixes (per family) a CIDR reaches after its except list.
_public_of(cidr, excepts) := {family: _public_bits(block, family, excepts) | some family in [4, 6]} if {
	block := parse_cidr(cidr)
}

_public_bits(block, family, excepts) := public_part(family, block.bits, holes) if {
	block.family == family
	holes := {hole.bits | some text in excepts; hole := parse_cidr(text); hole.family == family}
} else := set()

_union_public(destinations) := {family: blocks |
	some family in [4, 6]
	blocks := {prefix | some destination in destinations; some prefix in destination.public[family]}
}

# METADATA
# description: Every public prefix of each family (the whole space minus the non-public ranges).
public_space[family] := public_part(family, "", set()) if some family in [4, 6]
