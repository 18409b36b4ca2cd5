# Calico semantics (projectcalico.org/v3 and crd.projectcalico.org/v1 NetworkPolicy and
# GlobalNetworkPolicy) within a documented subset: selectors that are `&&` conjunctions of
# all(), has(k), !has(k), k == 'v', k != 'v', k in {...}, k not in {...} (anything else is
# undetermined); types explicit or implied by egress rules; Allow rules with protocol,
# destination nets/notNets, ports (numbers, "a:b" ranges), selectors (matched against the
# NetworkSets and GlobalNetworkSets in the target or context), domains; ipVersion. Only Allow
# rules are modelled exactly: with Allow rules alone the order of policies does not matter
# (traffic is allowed when some rule allows it). Deny and Pass rules, tiers, notPorts,
# notProtocol, source matches and services make the result an over-approximation (flagged).
package riskreg.lib.network

import data.riskreg.lib.workloads as wl

_calico_kinds := {"NetworkPolicy", "GlobalNetworkPolicy"}

# apiVersion in projectcalico.org/ or crd.projectcalico.org/.
_calico_policy(obj) if {
	api := obj.apiVersion
	is_string(api)
	regex.match(`^(crd\.)?projectcalico\.org/`, api)
}

_calico_policies[id] := {
	"entry": entry,
	"engine": "Calico",
	"namespace": _calico_namespace(entry.contents),
	"selector": _field(spec, "selector", "all()"),
	"namespace_selector": _field(spec, "namespaceSelector", ""),
	"account_selector": _field(spec, "serviceAccountSelector", ""),
	"host_only": _calico_host_only(spec),
	"restricts": egress,
	"contributes": egress,
	"rules": rules,
	"matters": _policy_matters(rules),
	"approx": _calico_policy_approx(spec),
	"undetermined": set(),
} if {
	some entry in _relevant
	_calico_kinds[entry.contents.kind]
	_calico_policy(entry.contents)
	id := _policy_id(entry)
	spec := _field(entry.contents, "spec", {})
	egress := _calico_egress(spec)
	rules := [_calico_rule(["spec", "egress", i], _object_or_empty(rule)) |
		some i, rule in _list(spec, "egress")
	]
}

_calico_namespace(obj) := null if obj.kind == "GlobalNetworkPolicy"

else := wl.namespace(obj)

# Without types, a policy is Egress when it has egress rules (Calico's defaulting).
_calico_egress(spec) := "Egress" in spec.types if {
	is_array(spec.types)
	count(spec.types) > 0
} else := count(_list(spec, "egress")) > 0

# Host endpoint policies (untracked, pre-DNAT) never apply to pods.
_calico_host_only(spec) if {
	some key in ["doNotTrack", "preDNAT"]
	spec[key] == true
} else := false

_calico_policy_approx(spec) := {reason |
	some rule in _list(spec, "egress")
	action := object.get(rule, "action", "")
	action in {"Deny", "Pass"}
	reason := sprintf("Calico %s rules are not modelled (their effect depends on policy order and tiers)", [action])
} | {reason |
	tier := object.get(spec, "tier", "default")
	tier != "default"
	reason := sprintf("Calico tier %v is not modelled (a policy of an earlier tier may decide first)", [tier])
}

_calico_selection(policy, _) := "no match" if policy.host_only == true

_calico_selection(policy, workload) := "no match" if {
	policy.host_only == false
	policy.namespace != null
	policy.namespace != workload.namespace
}

_calico_selection(policy, workload) := state if {
	policy.host_only == false
	policy.namespace in {null, workload.namespace}
	state := _calico_pod_state(policy, workload)
}

_calico_pod_state(policy, workload) := reason if {
	reason := sprintf("serviceAccountSelector %v is not modelled", [policy.account_selector])
	not policy.account_selector in {"", "all()"}
} else := state if {
	state := _calico_namespace_state(policy, workload)
	state != "match"
} else := calico_selector_state(policy.selector, _calico_pod_labels(workload))

_calico_namespace_state(policy, workload) := "match" if {
	policy.namespace_selector in {"", "all()"}
} else := calico_selector_state(policy.namespace_selector, object.union(labels, synthetic)) if {
	synthetic := {"projectcalico.org/name": workload.namespace, "kubernetes.io/metadata.name": workload.namespace}
	labels := object.get(namespace_labels, workload.namespace, {})
	_namespace_known(policy.namespace_selector, workload.namespace, synthetic)
} else := sprintf("namespaceSelector %v reads labels of Namespace %s, which is not in the target or --context", [
	policy.namespace_selector,
	workload.namespace,
])

# Without the Namespace object only its name labels are known.
_namespace_known(_, namespace, _) if namespace_labels[namespace]

_namespace_known(selector, _, synthetic) if {
	atoms := calico_selector(selector)
	every atom in atoms {
		atom.key in object.keys(synthetic)
	}
}

_calico_pod_labels(workload) := object.union(workload.labels, {
	"projectcalico.org/namespace": workload.namespace,
	"projectcalico.org/orchestrator": "k8s",
	"projectcalico.org/serviceaccount": workload.service_account,
})

# METADATA
# description: >-
#   A Calico selector's verdict on labels: "match", "no match", or why it is outside the subset
#   riskreg parses.
calico_selector_state(selector, labels) := "match" if {
	atoms := calico_selector(selector)
	every atom in atoms {
		_atom_holds(atom, labels)
	}
} else := "no match" if {
	calico_selector(selector)
} else := sprintf("Calico selector %v is outside the understood subset", [json.marshal(selector)])

# METADATA
# description: >-
#   A Calico selector as a list of {op, key, values} atoms that must all hold; undefined when it
#   is not a conjunction of the understood atoms.
calico_selector(selector) := [] if {
	is_string(selector)
	trim_space(selector) in {"", "all()"}
} else := atoms if {
	is_string(selector)
	parts := split(selector, "&&")
	atoms := [atom | some part in parts; atom := _calico_atom(trim_space(part))]
	count(atoms) == count(parts)
}

_calico_key := `([A-Za-z0-9_./-]+)`

_calico_atom("all()") := {"op": "all", "key": "", "values": []}

_calico_atom(text) := {"op": op, "key": match[2], "values": []} if {
	[match] := regex.find_all_string_submatch_n(sprintf(`^(!?)\s*has\(\s*%s\s*\)$`, [_calico_key]), text, 1)
	op := {"": "has", "!": "not has"}[match[1]]
}

_calico_atom(text) := {"op": match[2], "key": match[1], "values": [concat("", [match[3], match[4]])]} if {
	pattern := sprintf(`^%s\s*(==|!=)\s*(?:'([^']*)'|"([^"]*)")$`, [_calico_key])
	[match] := regex.find_all_string_submatch_n(pattern, text, 1)
}

_calico_atom(text) := {"op": match[2], "key": match[1], "values": values} if {
	[match] := regex.find_all_string_submatch_n(sprintf(`^%s\s+(in|not in)\s*\{(.*)\}$`, [_calico_key]), text, 1)
	items := [trim_space(item) | some item in split(match[3], ",")]
	values := [value | some item in items; value := _quoted(item)]
	count(values) == count(items)
}

_quoted(text) := substring(text, 1, count(text) - 2) if {
	regex.match(`^('[^']*'|"[^"]*")$`, text)
}

_atom_holds(atom, _) if atom.op == "all"

_atom_holds(atom, labels) if {
	atom.op == "has"
	atom.key in object.keys(labels)
}

_atom_holds(atom, labels) if {
	atom.op == "not has"
	not atom.key in object.keys(labels)
}

_atom_holds(atom, labels) if {
	atom.op in {"==", "in"}
	labels[atom.key] in atom.values
}

# `!=` and `not in` also hold when the label is absent (see workloads.label_in).
_atom_holds(atom, labels) if {
	atom.op in {"!=", "not in"}
	not wl.label_in(labels, atom.key, atom.values)
}

_calico_rule(path, rule) := {
	"path": path,
	"raw": rule,
	"public": public,
	"any_public": _any(public),
	"fqdns": {domain | some domain in _list(destination, "domains")},
	"approx": _calico_rule_approx(rule, destination),
} if {
	object.get(rule, "action", "Allow") in {"Allow", "Pass"}
	destination := _field(rule, "destination", {})
	public := _calico_public(destination, rule)
} else := {"path": path, "raw": rule, "public": _no_public, "any_public": false, "fqdns": set(), "approx": set()}

_calico_rule_ports(rule) := _calico_ports(rule, _field(rule, "destination", {}))

_calico_unparsed_selector(rule) if {
	selector := rule.destination.selector
	not calico_selector(selector)
}

_calico_unmodelled := [
	"notPorts", "notProtocol", "notSelector", "services", "serviceAccounts",
	"source", "http", "icmp", "notICMP",
]

_calico_rule_approx(rule, destination) := ({reason |
	_calico_unparsed_selector(rule)
	reason := "a destination selector outside the understood subset is counted as every destination"
} | {reason |
	some key in _calico_unmodelled
	_has_any(object.union(destination, rule), {key})
	reason := sprintf("Calico rule field %s is not modelled (counted as not narrowing)", [key])
}) | {reason |
	object.get(rule, "action", "Allow") == "Pass"
	reason := "a Calico Pass rule is counted as allowing"
}

_calico_protocols := {"TCP": "TCP", "UDP": "UDP", "SCTP": "SCTP", "6": "TCP", "17": "UDP", "132": "SCTP"}

# [port ranges, approximations]; a protocol without ports (ICMP...) reaches no port.
_calico_ports(rule, destination) := [_all_ports, set()] if {
	not "protocol" in object.keys(rule)
} else := _calico_port_ranges(protocol, _list(destination, "ports")) if {
	protocol := _calico_protocols[upper(sprintf("%v", [rule.protocol]))]
} else := [[], set()]

_calico_port_ranges(protocol, []) := [[_range(protocol, 1, 65535)], set()]

_calico_port_ranges(protocol, ports) := [
	[_range(protocol, span[0], span[1]) | some entry in entries; span := entry[0]],
	{reason | some entry in entries; some reason in entry[1]},
] if {
	count(ports) > 0
	entries := [_calico_span(port) | some port in ports]
}

_calico_span(port) := [[number, number], set()] if {
	number := _port_number(port)
} else := [[from, to], set()] if {
	[match] := regex.find_all_string_submatch_n(`^([0-9]{1,5}):([0-9]{1,5})$`, port, 1)
	from := _port_number(match[1])
	to := _port_number(match[2])
	from <= to
} else := [[1, 65535], {sprintf("port %v is named: counted as every port", [port])}]

# Selectors reach pods (in the cluster) and the NetworkSets they match; nets limit either.
_calico_public(destination, rule) := {family: _calico_family(blocks[family], rule, family) | some family in [4, 6]} if {
	blocks := _calico_blocks(destination, rule)
}

_calico_blocks(destination, rule) := public_space if {
	_calico_unparsed_selector(rule)
} else := _union_public([_calico_nets(nets, destination) | some nets in _calico_sets(destination)]) if {
	_has_any(destination, {"selector", "namespaceSelector"})
} else := _union_public([_calico_nets(_calico_dest_nets(destination), destination)]) if {
	_has_any(destination, {"nets", "net"})
} else := _no_public if {
	count(_list(destination, "domains")) > 0
} else := {family: public_part(family, "", _calico_holes(destination, family)) | some family in [4, 6]}

_calico_dest_nets(destination) := array.concat(_list(destination, "nets"), [destination.net]) if {
	is_string(destination.net)
} else := _list(destination, "nets")

_calico_nets(nets, destination) := {
	"public": {family: blocks |
		some family in [4, 6]
		blocks := {prefix |
			some text in nets
			block := parse_cidr(text)
			block.family == family
			some prefix in public_part(family, block.bits, _calico_holes(destination, family))
		}
	},
	"approx": set(),
}

_calico_holes(destination, family) := {hole.bits |
	some text in _list(destination, "notNets")
	hole := parse_cidr(text)
	hole.family == family
}

_calico_family(blocks, rule, family) := blocks if object.get(rule, "ipVersion", family) == family

else := set()

# The nets of the NetworkSets and GlobalNetworkSets a destination selector matches (namespaces
# are not told apart: more reach, never less).
_calico_sets(destination) := [_list(_field(entry.contents, "spec", {}), "nets") |
	some kind in ["NetworkSet", "GlobalNetworkSet"]
	some entry in _of_kind(kind)
	labels := _field(entry.contents.metadata, "labels", {})
	calico_selector_state(object.get(destination, "selector", "all()"), labels) == "match"
]
