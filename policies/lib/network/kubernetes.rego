# Kubernetes NetworkPolicy semantics: Which networking.k8s.io NetworkPolicies select a workload's
# pods and what their egress rules allow, as the normalised rules of riskreg.lib.network (see
# network.rego). Follows the API's own defaulting: policyTypes absent means Egress only when egress
# rules exist; a rule without `to` or `ports` allows every destination or port; a null rule is an
# empty one.
package riskreg.lib.network

import data.riskreg.lib.input as target
import data.riskreg.lib.workloads as wl

_all_ports := [
	{"protocol": "TCP", "from": 1, "to": 65535},
	{"protocol": "UDP", "from": 1, "to": 65535},
	{"protocol": "SCTP", "from": 1, "to": 65535},
]

_protocols := {"TCP", "UDP", "SCTP"}

# NetworkPolicy is also a Calico kind; the API group tells them apart (no apiVersion: Kubernetes).
_kubernetes_policy(obj) if not is_string(obj.apiVersion)

_kubernetes_policy(obj) if startswith(obj.apiVersion, "networking.k8s.io/")

_kubernetes_policy(obj) if obj.apiVersion == "extensions/v1beta1"

_k8s_policies[id] := {
	"entry": entry,
	"engine": "NetworkPolicy",
	"namespace": wl.namespace(entry.contents),
	"selector": _field(spec, "podSelector", {}),
	"restricts": _k8s_restricts(spec),
	"contributes": _k8s_restricts(spec),
	"types": _field(spec, "policyTypes", []),
	"rules": [_k8s_rule(i, rule) | some i, rule in _list(spec, "egress")],
	"approx": set(),
	"undetermined": set(),
} if {
	some entry in target.of_kind("NetworkPolicy")
	_kubernetes_policy(entry.contents)
	id := _policy_id(entry)
	spec := _field(entry.contents, "spec", {})
}

# The API server defaults policyTypes to [Ingress], plus Egress when there are egress rules.
_k8s_restricts(spec) := "Egress" in spec.policyTypes if {
	is_array(spec.policyTypes)
	count(spec.policyTypes) > 0
} else := count(_list(spec, "egress")) > 0

_k8s_selection(policy, workload) := _selector_state(policy.selector, workload.labels) if {
	policy.namespace == workload.namespace
} else := "no match"

_k8s_rule(i, raw) := {
	"path": ["spec", "egress", i],
	"ports": [port | some item in ports; some port in item.ports],
	"public": _union_public(destinations),
	"fqdns": set(),
	"approx": {reason | some item in array.concat(ports, destinations); some reason in item.approx},
} if {
	rule := _object_or_empty(raw)
	ports := _k8s_ports(_list(rule, "ports"))
	destinations := _k8s_destinations(_list(rule, "to"))
}

_k8s_ports([]) := [{"ports": _all_ports, "approx": set()}]

_k8s_ports(list) := [_k8s_port(_object_or_empty(item)) | some item in list] if count(list) > 0

_k8s_port(item) := {
	"ports": [_range(protocol, span[0], span[1]) | some protocol in _k8s_protocols(item)],
	"approx": (_k8s_protocol_approx(item) | _k8s_span_approx(item)),
} if {
	span := _k8s_span(item)
}

_k8s_span(item) := [item.port, _end_port(item)] if {
	_valid_port(item.port)
	_end_port(item) >= item.port
} else := [1, 65535]

_k8s_span_approx(item) := set() if {
	not "port" in object.keys(item)
} else := set() if {
	_valid_port(item.port)
	_end_port(item) >= item.port
} else := {reason} if {
	args := [item.port, object.get(item, "endPort", "none")]
	reason := sprintf(
		concat(" ", [
			"port %v (endPort %v) is not a number range (a named port is resolved on the destination pod,",
			"and a public address has none): counted as every port",
		]),
		args,
	)
}

_k8s_protocols(item) := [upper(item.protocol)] if {
	is_string(item.protocol)
	upper(item.protocol) in _protocols
} else := ["TCP"] if {
	not "protocol" in object.keys(item)
} else := ["TCP", "UDP", "SCTP"]

_k8s_protocol_approx(item) := {reason} if {
	reason := sprintf("protocol %v is not TCP, UDP or SCTP: counted as every protocol", [item.protocol])
	"protocol" in object.keys(item)
	not _known_protocol(item.protocol)
} else := set()

_known_protocol(protocol) if {
	is_string(protocol)
	upper(protocol) in _protocols
}

_end_port(item) := item.endPort if _valid_port(item.endPort)

else := item.port

_valid_port(port) if {
	is_number(port)
	port == round(port)
	port >= 1
	port <= 65535
}

_range(protocol, from, to) := {"protocol": protocol, "from": from, "to": to}

# No `to` (or an empty one): every destination.
_k8s_destinations([]) := [_everywhere(set())]

_k8s_destinations(peers) := [_k8s_peer(peer) | some peer in peers] if count(peers) > 0

_k8s_peer(peer) := _ip_block(peer.ipBlock) if {
	is_object(peer.ipBlock)
} else := _in_cluster if {
	is_object(peer)
	_has_any(peer, {"podSelector", "namespaceSelector"})
} else := _everywhere({"an egress peer names neither ipBlock nor a selector (invalid): counted as every destination"})

_ip_block(block) := {"public": _public_of(block.cidr, _list(block, "except")), "approx": _except_approx(block)} if {
	parse_cidr(block.cidr)
} else := _everywhere({sprintf("ipBlock cidr %v is not a CIDR: counted as every destination", [block.cidr])})

_except_approx(block) := {sprintf("ipBlock except %v is not a CIDR: ignored", [text]) |
	some text in _list(block, "except")
	not parse_cidr(text)
}

_in_cluster := {"public": {4: set(), 6: set()}, "approx": set()}

_everywhere(approx) := {"public": public_space, "approx": approx}

# METADATA
# description: The public prefixes (per family) a CIDR reaches after its except list.
_public_of(cidr, excepts) := {family: blocks |
	block := parse_cidr(cidr)
	some family in [4, 6]
	blocks := _public_bits(block, family, excepts)
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
