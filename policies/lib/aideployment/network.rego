# Network scopes of AIDeployments: the addresses they really cover (part of riskreg.lib.aideployment).
package riskreg.lib.aideployment

import data.riskreg.lib.input as target

# --- network scopes (IAM-001) ---------------------------------------------------------------

# METADATA
# description: >-
#   Every network scope parsed as {entry, key, index, scope, destination, port, form, cidr}: form is
#   unbounded (a word meaning anywhere), wildcard (a glob or leading-dot domain), cidr (an
#   address or range; cidr set), host (a DNS name) or unparsed (riskreg cannot tell what it
#   reaches, e.g. a URL or an address in decimal notation); port is "" when it names none.
network_scopes contains object.union({"entry": entry, "key": k, "index": i, "scope": scope}, _parse_network(scope)) if {
	some entry in target.aideployments
	k := key(entry)
	some i, scope in entry.contents.spec.identity.scopes.network
}

# `egress:<lower-case DNS name>:<port>`, nearly every declared scope, is settled by one regex
# (its one match destructured: no match is no array of one).
_parse_network(scope) := {"destination": destination, "port": port, "form": "host", "cidr": ""} if {
	[[_, destination, port]] := regex.find_all_string_submatch_n(
		`^egress:((?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*):([0-9]{1,5})$`,
		scope,
		1,
	)
} else := object.union(split_scope, _classify(split_scope.destination)) if {
	is_string(scope)
	match := regex.find_all_string_submatch_n(`^(?:egress|ingress):(.+)$`, lower(trim_space(scope)), 1)
	count(match) == 1
	split_scope := _split_port(match[0][1])
} else := {"destination": "", "port": "", "form": "unparsed", "cidr": ""}

# `[v6]:port`, a bare address or range (whose colons are not a port), or `destination:port`.
_split_port(rest) := {"destination": match[0][1], "port": match[0][2]} if {
	match := regex.find_all_string_submatch_n(`^\[([^\]]+)\](?::(.*))?$`, rest, 1)
	count(match) == 1
} else := {"destination": rest, "port": ""} if {
	_address_or_range(rest)
} else := {"destination": match[0][1], "port": match[0][2]} if {
	match := regex.find_all_string_submatch_n(`^(.*):([^:]*)$`, rest, 1)
	count(match) == 1
} else := {"destination": rest, "port": ""}

_classify(destination) := {"form": "unbounded", "cidr": ""} if {
	destination in _p.unbounded_hosts
} else := {"form": "wildcard", "cidr": ""} if {
	regex.match(`[*?\[\]{}]|^\.`, destination)
} else := {"form": "cidr", "cidr": _as_cidr(destination)} if {
	_address_or_range(destination)
} else := {"form": "unparsed", "cidr": ""} if {
	# An address in decimal, octal or hex notation (2852039166, 0251.0376.0251.0376) is what
	# many clients connect to, but no CIDR riskreg can reason about.
	regex.match(`^(0x[0-9a-f]+|\d+)(\.(0x[0-9a-f]+|\d+)){0,3}\.?$`, destination)
} else := {"form": "host", "cidr": ""} if {
	regex.match(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$`, destination)
} else := {"form": "unparsed", "cidr": ""}

_address_or_range(text) if {
	contains(text, "/")
	net.cidr_is_valid(text)
}

_address_or_range(text) if net.cidr_is_valid(_as_cidr(text))

_as_cidr(text) := text if contains(text, "/")

else := concat("", [text, "/32"]) if _ipv4_address(text)

else := concat("", [text, "/128"]) if contains(text, ":")

_ipv4_address(text) if regex.match(`^\d+\.\d+\.\d+\.\d+$`, text)

# METADATA
# scope: document
# description: Network scopes whose destination is a cloud metadata endpoint or the Kubernetes API.
sensitive_network_scopes contains item if {
	some item in network_scopes
	item.form == "host"
	trim_suffix(item.destination, ".") in _p.sensitive_hosts
}

sensitive_network_scopes contains item if {
	some item in network_scopes
	item.form == "cidr"
	some listed in _p.sensitive_cidrs
	net.cidr_intersects(item.cidr, listed)
}

# METADATA
# description: >-
#   Addresses a CIDR covers per family, as {"ipv4": n, "ipv6": m}: IPv4-mapped IPv6 counts as
#   IPv4 (OPA's arithmetic does), an IPv6 range embedding IPv4 (NAT64, or a range such as
#   ::/80 or ::ffff:0:0/90 holding ::ffff:0:0/96) counts the IPv4 it reaches.
cidr_addresses(cidr) := {"ipv4": _size(cidr), "ipv6": 0} if {
	net.cidr_contains("0.0.0.0/0", cidr)
} else := {"ipv4": _embedded(cidr), "ipv6": _size(cidr)}

_size(cidr) := bits.lsh(1, _bits(cidr) - to_number(split(cidr, "/")[1]))

_bits(cidr) := 128 if contains(cidr, ":")

else := 32

_embedded(cidr) := sum([_embedded_from(cidr, range) | some range in _embedding_ranges])

_embedding_ranges := array.concat(_p.ipv4_embedding_ranges, ["::ffff:0:0/96"])

# OPA compares IPv4-mapped addresses as IPv4, so an IPv6 range holding all of ::ffff:0:0/96 is
# found by the address just below it: an aligned range of prefix 95 or less holds both or neither.
_embedded_from(cidr, range) := bits.lsh(1, 32) if {
	range == "::ffff:0:0/96"
	to_number(split(cidr, "/")[1]) <= 95
	net.cidr_contains(cidr, "::fffe:ffff:ffff/128")
} else := bits.lsh(1, 32) if {
	range != "::ffff:0:0/96"
	net.cidr_contains(cidr, range)
} else := _size(cidr) if {
	range != "::ffff:0:0/96"
	net.cidr_contains(range, cidr)
} else := 0

# METADATA
# description: >-
#   For each deployment key, the addresses its CIDR scopes reach together, per family, ranges
#   nested in another counted once: split ranges (0.0.0.0/1 + 128.0.0.0/1) add up.
network_reach[k] := _reach(cidrs) if {
	some entry in target.aideployments
	k := key(entry)
	cidrs := {item.cidr | some item in network_scopes; item.form == "cidr"; item.key == k}
}

# Most deployments declare no CIDR scope: nothing to add up.
_reach(cidrs) := {"ipv4": 0, "ipv6": 0} if {
	cidrs == set()
} else := {"ipv4": sum([n.ipv4 | some n in sizes]), "ipv6": sum([n.ipv6 | some n in sizes])} if {
	outer := {cidr | some cidr in cidrs; not _nested(cidr, cidrs)}
	sizes := [cidr_addresses(cidr) | some cidr in outer]
}

# Nested in another range, or the same range spelled differently and not the first spelling.
_nested(cidr, cidrs) if {
	some other in cidrs
	other != cidr
	net.cidr_contains(other, cidr)
	not net.cidr_contains(cidr, other)
}

_nested(cidr, cidrs) if {
	some other in cidrs
	other < cidr
	net.cidr_contains(other, cidr)
	net.cidr_contains(cidr, other)
}

# METADATA
# scope: document
# description: The most addresses of a family (ipv4, ipv6) the CIDR scopes may reach, one network of the params prefix.
max_addresses("ipv4") := bits.lsh(1, 32 - _p.network_scope_min_prefix.ipv4)

max_addresses("ipv6") := bits.lsh(1, 128 - _p.network_scope_min_prefix.ipv6)
