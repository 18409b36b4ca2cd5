# Cilium semantics (CiliumNetworkPolicy, CiliumClusterwideNetworkPolicy; `spec` and each of
# `specs` is one rule set with its own endpointSelector): egress allow rules with toEndpoints,
# toEntities, toCIDR, toCIDRSet (except), toFQDNs and toPorts (ports, endPort, protocol ANY).
# A rule with toPorts but no peer allows every destination on those ports, as in Cilium. Over-
# approximated (flagged): L7 rules and serverNames, named ports, toServices, toGroups, CIDR
# groups, unknown entities, egressDeny next to allow rules. Undetermined: egressDeny alone.
package riskreg.lib.network

import data.riskreg.lib.workloads as wl

_cilium_kinds := {"CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy"}

_cilium_policies[id] := {
	"entry": entry,
	"engine": "Cilium",
	"namespace": _cilium_namespace(entry.contents),
	"selector": object.get(spec, "endpointSelector", null),
	"node": "nodeSelector" in object.keys(spec),
	"restricts": _cilium_restricts(spec),
	"contributes": true,
	"rules": rules,
	"matters": _policy_matters(rules),
	"approx": _cilium_deny_approx(spec),
	"undetermined": _cilium_deny_alone(spec),
} if {
	some entry in _relevant
	_cilium_kinds[entry.contents.kind]
	some [base, spec] in _cilium_specs(entry.contents)
	id := array.concat(_policy_id(entry), base)
	rules := [_cilium_rule(array.concat(base, ["egress", i]), _object_or_empty(rule)) |
		some i, rule in _list(spec, "egress")
	]
}

_cilium_specs(obj) := {[["spec"], obj.spec] | is_object(obj.spec)} | {[["specs", i], spec] |
	some i, spec in _list(obj, "specs")
	is_object(spec)
}

_cilium_namespace(obj) := null if obj.kind == "CiliumClusterwideNetworkPolicy"

else := wl.namespace(obj)

# Egress allow rules put the endpoint in default-deny unless enableDefaultDeny.egress is false.
_cilium_restricts(spec) := false if {
	object.get(spec, ["enableDefaultDeny", "egress"], true) == false
} else := count(_list(spec, "egress")) > 0

_cilium_deny_approx(spec) := {"egressDeny rules are not modelled (they only narrow what the allow rules reach)"} if {
	count(_list(spec, "egressDeny")) > 0
	count(_list(spec, "egress")) > 0
} else := set()

_cilium_deny_alone(spec) := {concat(" ", [
	"a Cilium policy with egressDeny rules and no egress allow rules:",
	"whether it puts the pods in default-deny is not modelled",
])} if {
	count(_list(spec, "egressDeny")) > 0
	count(_list(spec, "egress")) == 0
} else := set()

_cilium_selection(policy, _) := "no match" if {
	policy.node
} else := "a Cilium rule set without endpointSelector" if {
	not is_object(policy.selector)
}

_cilium_selection(policy, workload) := "no match" if {
	not policy.node
	is_object(policy.selector)
	policy.namespace != null
	policy.namespace != workload.namespace
}

_cilium_selection(policy, workload) := _cilium_label_state(policy.selector, workload) if {
	not policy.node
	is_object(policy.selector)
	policy.namespace in {null, workload.namespace}
}

# Cilium sees a pod's labels plus its namespace, ServiceAccount and namespace labels.
_cilium_label_state(selector, workload) := reason if {
	not namespace_labels[workload.namespace]
	some key in _selector_keys(selector)
	startswith(_strip_source(key), "io.cilium.k8s.namespace.labels.")
	template := "the selector reads labels of Namespace %s, which is not in the target or --context"
	reason := sprintf(template, [workload.namespace])
} else := _selector_state(_cilium_selector(selector), object.union_n([
	workload.labels,
	{"io.kubernetes.pod.namespace": workload.namespace, "io.cilium.k8s.policy.serviceaccount": workload.service_account},
	{concat("", ["io.cilium.k8s.namespace.labels.", key]): value |
		some key, value in namespace_labels[workload.namespace]
	},
]))

_selector_keys(selector) := {key | some key, _ in _field(selector, "matchLabels", {})} | {expression.key |
	some expression in _field(selector, "matchExpressions", [])
	is_string(expression.key)
}

_cilium_selector(selector) := {
	"matchLabels": {_strip_source(key): value | some key, value in _field(selector, "matchLabels", {})},
	"matchExpressions": [_strip_key(expression) | some expression in _field(selector, "matchExpressions", [])],
}

_strip_key(expression) := object.union(expression, {"key": _strip_source(expression.key)}) if {
	is_string(expression.key)
} else := expression

# `k8s:app` and `any:app` are the pod label `app`; other sources (reserved:, cidr:) never are.
_strip_source(key) := substring(key, 4, -1) if {
	is_string(key)
	some prefix in ["k8s:", "any:"]
	startswith(key, prefix)
} else := key

# METADATA
# description: >-
#   The labels of each Namespace in the target or context, with the automatic
#   kubernetes.io/metadata.name label; undefined for a namespace whose object is absent.
namespace_labels[name] := object.union(labels, {"kubernetes.io/metadata.name": name}) if {
	some entry in _relevant
	entry.contents.kind == "Namespace"
	name := wl.object_name(entry.contents)
	labels := _field(entry.contents.metadata, "labels", {})
}

_cilium_peer_keys := {
	"toEndpoints", "toEntities", "toCIDR", "toCIDRSet",
	"toFQDNs", "toServices", "toGroups", "toNodes",
}

_cilium_rule(path, rule) := {
	"path": path,
	"raw": rule,
	"public": public,
	"any_public": _any(public),
	"fqdns": {pattern | some item in _list(rule, "toFQDNs"); some pattern in _fqdn_patterns(item)},
	"approx": {reason |
		some item in array.concat(destinations, [_cilium_l7(rule)])
		some reason in item.approx
	},
} if {
	destinations := _cilium_destinations(rule)
	public := _union_public(destinations)
}

_fqdn_patterns(item) := {item.matchName} if is_string(item.matchName)

_fqdn_patterns(item) := {item.matchPattern} if is_string(item.matchPattern)

# Without any peer a rule with toPorts allows every destination on them; an empty rule, nothing.
_cilium_destinations(rule) := [_everywhere(set())] if {
	not _cilium_has_peer(rule)
	count(_list(rule, "toPorts")) > 0
} else := array.concat(
	[_cilium_entity(entity) | some entity in _list(rule, "toEntities")],
	array.concat(
		[_cilium_cidr(cidr, []) | some cidr in _list(rule, "toCIDR")],
		array.concat(
			[_cilium_cidr_set(item) | some item in _list(rule, "toCIDRSet")],
			[_everywhere({sprintf("%s peers are not resolved: counted as every destination", [key])}) |
				some key in ["toServices", "toGroups"]
				count(_list(rule, key)) > 0
			],
		),
	),
)

# Empty peer lists are no peer at all (Cilium reads their length).
_cilium_has_peer(rule) if {
	some key in _cilium_peer_keys
	count(_list(rule, key)) > 0
}

_cilium_entity(entity) := _entities[entity] if {
	entity in object.keys(_entities)
} else := _everywhere({sprintf("entity %v is not known: counted as every destination", [entity])})

_entities := {
	"world": {"public": public_space, "approx": set()},
	"all": {"public": public_space, "approx": set()},
	"world-ipv4": {"public": {4: public_space[4], 6: set()}, "approx": set()},
	"world-ipv6": {"public": {4: set(), 6: public_space[6]}, "approx": set()},
	"cluster": _in_cluster, "host": _in_cluster, "remote-node": _in_cluster, "kube-apiserver": _in_cluster,
	"health": _in_cluster, "init": _in_cluster, "ingress": _in_cluster, "unmanaged": _in_cluster, "none": _in_cluster,
}

_cilium_cidr(cidr, excepts) := _in_cluster if {
	inside_excluded(cidr)
} else := {"public": public, "approx": set()} if {
	public := _public_of(cidr, excepts)
} else := _everywhere({sprintf("CIDR %v is not a CIDR: counted as every destination", [cidr])})

_cilium_cidr_set(item) := _cilium_cidr(item.cidr, _list(item, "except")) if {
	is_string(item.cidr)
} else := _everywhere({"a toCIDRSet entry without cidr (a CIDR group) is not resolved: counted as every destination"})

_cilium_l7(rule) := {"approx": {"L7 rules and serverNames of toPorts are not modelled (they only narrow)"}} if {
	some item in _list(rule, "toPorts")
	_has_any(item, {"rules", "serverNames", "listener"})
} else := {"approx": set()}

_cilium_rule_ports(rule) := _cilium_ports(_list(rule, "toPorts"))

# [port ranges, approximations]: no toPorts is every port of every protocol.
_cilium_ports([]) := [_all_ports, set()]

_cilium_ports(items) := [
	[range | some entry in entries; some range in entry.ports],
	{reason | some entry in entries; some reason in entry.approx},
] if {
	count(items) > 0
	entries := [_cilium_port(port) | some item in items; some port in _cilium_port_list(item)]
}

_cilium_port_list(item) := _list(item, "ports") if count(_list(item, "ports")) > 0

else := [{}]

_cilium_port(raw) := {"ports": ranges, "approx": approx} if {
	port := _object_or_empty(raw)
	[span, approx] := _cilium_span(port)
	ranges := [_range(protocol, span[0], span[1]) | some protocol in _cilium_protocols(port)]
}

_cilium_protocols(port) := {"TCP", "UDP", "SCTP"} if {
	not is_string(object.get(port, "protocol", null))
} else := {"TCP", "UDP", "SCTP"} if {
	upper(port.protocol) == "ANY"
} else := {upper(port.protocol)} if {
	upper(port.protocol) in _protocols
} else := set()

_cilium_span(port) := [[1, 65535], set()] if {
	object.get(port, "port", "0") in {"0", 0, ""}
} else := [[number, _cilium_end(port, number)], set()] if {
	number := _port_number(port.port)
} else := [[1, 65535], {sprintf("port %v is named: counted as every port", [port.port])}]

_cilium_end(port, number) := port.endPort if {
	_valid_port(port.endPort)
	port.endPort >= number
} else := number

_port_number(value) := value if _valid_port(value)

_port_number(value) := number if {
	is_string(value)
	regex.match(`^[0-9]{1,5}$`, value)
	number := to_number(_no_leading_zeros(value))
	_valid_port(number)
}
