# Declared egress (an AIDeployment's spec.egress) measured with the same arithmetic as real
# egress: each allowlist entry's domain is judged by domain_verdict, its CIDR by the public
# address space it opens (after the non-public ranges) per protocol and port, alone and together
# with the other entries; and the declaration is compared with the effective egress of the
# workload it links (spec.workload {kind, name} in its namespace).
package riskreg.lib.network

import data.riskreg.lib.input as target
import data.riskreg.lib.workloads as wl

# What a declared protocol carries on the wire.
_declared_protocols := {
	"TCP": {"TCP"}, "HTTP": {"TCP"}, "HTTPS": {"TCP"}, "GRPC": {"TCP"},
	"UDP": {"UDP"}, "DNS": {"UDP", "TCP"},
}

# METADATA
# description: >-
#   Per AIDeployment entry (its _policy_id): {entry, default, entries}: default is
#   spec.egress.defaultPolicy (or null), entries the allowlist as {index, domain, cidr, public,
#   any_public, raw}; the ports of an entry (_declared_ports of raw) are only read when needed.
declarations[id] := {
	"entry": entry,
	"default": object.get(egress, "defaultPolicy", null),
	"entries": [_declared_entry(i, _object_or_empty(item)) | some i, item in _list(egress, "allowlist")],
} if {
	some entry in target.aideployments
	id := _policy_id(entry)
	egress := _field(object.get(entry.contents, "spec", {}), "egress", {})
}

_declared_entry(i, item) := {
	"index": i,
	"domain": object.get(item, "domain", null),
	"cidr": cidr,
	"public": public,
	"any_public": any_public,
	"raw": item,
} if {
	cidr := object.get(item, "cidr", null)
	[public, any_public] := _declared_public(cidr)
}

# [public prefixes per family, whether there are any]. A bare address is one host; what does
# not parse reaches nothing here (NET-001 reports it).
_declared_public(cidr) := [public, _any(public)] if {
	is_string(cidr)
	not inside_excluded(cidr)
	public := _public_of(cidr, [])
} else := [_no_public, false]

_declared_ports(item) := [_range(protocol, port, port) |
	some protocol in _declared_protocol_set(item)
	some port in _port_list(item)
] if {
	count(_port_list(item)) > 0
} else := [_range(protocol, 1, 65535) | some protocol in _declared_protocol_set(item)]

_port_list(item) := [port | some port in _list(item, "ports"); _valid_port(port)]

_declared_protocol_set(item) := {protocol |
	some name in _list(item, "protocols")
	some protocol in _declared_protocols[upper(name)]
} if {
	count(_list(item, "protocols")) > 0
} else := {"TCP", "UDP", "SCTP"}

# METADATA
# description: >-
#   Per declaration id, the probes where the allowlist's CIDRs together open more public space
#   than riskreg_params.network allows: {protocol, port, family, size, entries}.
declared_open[id] := {probe |
	some [protocol, port, family] in {[range.protocol, range.from, family] |
		some item in declaration.entries
		item.any_public
		some range in _declared_ports(item.raw)
		some family in [4, 6]
		count(item.public[family]) > 0
	}
	covering := {item.index |
		some item in declaration.entries
		count(item.public[family]) > 0
		some range in _declared_ports(item.raw)
		range.protocol == protocol
		range.from <= port
		port <= range.to
	}
	blocks := {prefix | some i in covering; some prefix in declaration.entries[i].public[family]}
	exceeds(family, blocks)
	probe := {"protocol": protocol, "port": port, "family": family, "entries": covering}
} if {
	some id, declaration in declarations
}

# METADATA
# description: >-
#   The workloads of the target an AIDeployment declaration links (spec.workload kind, default
#   Deployment, and name, in the AIDeployment's namespace), as workload ids.
linked[id] := {workload_id(workload) |
	some workload in wl.pod_specs
	workload.kind == object.get(link, "kind", "Deployment")
	workload.name == link.name
	workload.namespace == wl.namespace(declaration.entry.contents)
} if {
	some id, declaration in declarations
	link := declaration.entry.contents.spec.workload
	is_string(link.name)
}

# METADATA
# description: >-
#   Effective public egress of a linked workload that its declaration does not list, per
#   declaration id: {workload, policy, rule, protocol, from, to, family, prefix} for each public
#   prefix (left after the declared CIDRs) a rule reaches on ports the declared entries do not
#   cover, and {.., pattern} for each DNS name no declared domain covers.
undeclared[id] := {gap |
	some workload in workloads
	some item in object.get(reach, [workload], set())
	rule := policies[item.policy].rules[item.rule]
	some family in [4, 6]
	count(rule.public[family]) > 0
	holes := {prefix |
		some entry in declaration.entries
		_covers_ports(entry, item)
		some prefix in entry.public[family]
	}
	left := {prefix | some block in rule.public[family]; some prefix in subtract(block, holes)}
	count(left) > 0
	gap := object.union(item, {"workload": workload, "family": family, "prefix": min(left)})
} | {gap |
	some workload in workloads
	some name in fqdns[workload]
	some item in reach[workload]
	[item.policy, item.rule] == [name.policy, name.rule]
	not _declared_name(declaration.entries, name.pattern, item)
	gap := object.union(item, {"workload": workload, "pattern": name.pattern})
} if {
	some id, workloads in linked
	declaration := declarations[id]
}

_covers_ports(entry, item) if {
	some range in _declared_ports(entry.raw)
	range.protocol == item.protocol
	range.from <= item.from
	item.to <= range.to
}

_declared_name(entries, pattern, item) if {
	some entry in entries
	_covers_ports(entry, item)
	is_string(entry.domain)
	_name_covers(lower(entry.domain), lower(pattern))
}

_name_covers(domain, pattern) if domain == pattern

_name_covers(domain, pattern) if {
	startswith(domain, "*.")
	endswith(pattern, substring(domain, 1, -1))
}
