# CIDR arithmetic: IPv4 and IPv6 prefixes as strings of bits, so that containment is a prefix test,
# `a minus b` is a set of sibling prefixes and the size of a union is exact (OPA integers are
# arbitrary precision). Rego has no recursion; subtraction uses a closed form instead (see
# `subtract`). The public address space is everything but `riskreg_params.network.non_public_cidrs`
# and `trusted_cidrs`.
package riskreg.lib.network

import data.riskreg_params as params

# METADATA
# description: Address width of each family.
width := {4: 32, 6: 128}

# METADATA
# description: >-
#   A CIDR, or a bare address, as {family: 4 | 6, bits}: bits is the prefix as a string of "0"
#   and "1", host bits dropped. Every spelling Kubernetes accepts parses: leading zeros in IPv4
#   octets (decimal), host bits set (`1.2.3.4/0` is all of IPv4), any IPv6 form (`::/0`,
#   `0:0::0/0`, upper case, an embedded IPv4 address). Undefined for anything else (`0/0`).
parse_cidr(text) := {"family": 4, "bits": substring(digits, 0, length)} if {
	is_string(text)
	[address, length] := _split_prefix(trim_space(text), 32)
	digits := _ipv4_bits(address)
} else := {"family": 6, "bits": substring(digits, 0, length)} if {
	is_string(text)
	[address, length] := _split_prefix(trim_space(text), 128)
	digits := _ipv6_bits(address)
}

# METADATA
# scope: rule
# description: True when parse_cidr reads the text (Go's parser is tried first, being faster).
valid_cidr(text) if {
	is_string(text)
	net.cidr_is_valid(text)
}

valid_cidr(text) if parse_cidr(text)

# METADATA
# description: A prefix of bits rendered back as a canonical CIDR (`0.0.0.0/1`, `8000::/1`).
cidr_text(family, prefix) := text if {
	full := concat("", [prefix, substring(_zeros, 0, width[family] - count(prefix))])
	address := _render(family, full)
	some text in net.cidr_merge([sprintf("%s/%d", [address, count(prefix)])])
}

_render(4, full) := concat(".", [sprintf("%d", [_binary(substring(full, i * 8, 8))]) | some i in numbers.range(0, 3)])

_render(6, full) := concat(":", [sprintf("%x", [_binary(substring(full, i * 16, 16))]) | some i in numbers.range(0, 7)])

_binary(digits) := sum([bits.lsh(to_number(substring(digits, i, 1)), (count(digits) - 1) - i) |
	some i in numbers.range(0, count(digits) - 1)
])

_split_prefix(text, full) := [text, full] if not contains(text, "/")

_split_prefix(text, full) := [address, length] if {
	[address, digits] := split(text, "/")
	regex.match(`^[0-9]{1,3}$`, digits)
	length := to_number(_no_leading_zeros(digits))
	length <= full
}

_no_leading_zeros(digits) := trimmed if {
	trimmed := trim_left(digits, "0")
	trimmed != ""
} else := "0"

_ipv4_bits(address) := concat("", parts) if {
	octets := split(address, ".")
	count(octets) == 4
	parts := [_octet_bits(octet) | some octet in octets]
	count(parts) == 4
}

_octet_bits(octet) := sprintf("%08b", [value]) if {
	regex.match(`^[0-9]{1,3}$`, octet)
	value := to_number(_no_leading_zeros(octet))
	value <= 255
}

_ipv6_bits(address) := _joined(parts) if {
	text := lower(address)
	contains(text, ":")
	regex.match(`^[0-9a-f:.]+$`, text)
	halves := split(text, "::")
	count(halves) <= 2
	parts := [_half_bits(half, i == (count(halves) - 1)) | some i, half in halves]
	count(parts) == count(halves)
}

_joined([whole]) := whole if count(whole) == 128

_joined([head, tail]) := concat("", [head, substring(_zeros, 0, fill), tail]) if {
	fill := (128 - count(head)) - count(tail)
	fill >= 16
}

_half_bits("", _) := ""

_half_bits(half, last) := concat("", parts) if {
	half != ""
	groups := split(half, ":")
	parts := [_group_bits(group, _final(last, i, count(groups))) | some i, group in groups]
	count(parts) == count(groups)
}

_final(last, i, n) if {
	last == true
	i == n - 1
}

else := false

# An embedded IPv4 address is only allowed as the last 32 bits (`::ffff:10.0.0.1`).
_group_bits(group, true) := _ipv4_bits(group) if contains(group, ".")

_group_bits(group, _) := concat("", [_nibble[digit] | some digit in split(padded, "")]) if {
	regex.match(`^[0-9a-f]{1,4}$`, group)
	padded := concat("", [substring("000", 0, 4 - count(group)), group])
}

_nibble := {
	"0": "0000", "1": "0001", "2": "0010", "3": "0011", "4": "0100", "5": "0101", "6": "0110", "7": "0111",
	"8": "1000", "9": "1001", "a": "1010", "b": "1011", "c": "1100", "d": "1101", "e": "1110", "f": "1111",
}

_zeros := concat("", ["0" | some _ in numbers.range(1, 128)])

_flip := {"0": "1", "1": "0"}

# METADATA
# description: >-
#   The prefix a minus the union of the prefixes in holes (one family), as disjoint prefixes.
#   Closed form: every address of a outside the holes lies in a sibling of some hole's path
#   below a (the one where it leaves the hole it follows longest), and such a sibling that
#   overlaps no hole is wholly outside them.
subtract(a, holes) := set() if {
	some hole in holes
	startswith(a, hole)
} else := {a} if {
	not _holes_inside(a, holes)
} else := {sibling |
	# Only the outermost holes matter; then a sibling overlaps a hole exactly when it lies on
	# some hole's path (is a prefix of it, or the hole itself), a set lookup.
	inside := outermost({hole | some hole in holes; startswith(hole, a)})
	paths := {substring(hole, 0, length) | some hole in inside; some length in numbers.range(count(a) + 1, count(hole))}
	some hole in inside
	some level in numbers.range(count(a), count(hole) - 1)
	sibling := concat("", [substring(hole, 0, level), _flip[substring(hole, level, 1)]])
	not sibling in paths
}

_holes_inside(a, holes) if {
	some hole in holes
	startswith(hole, a)
}

# METADATA
# description: The prefixes of a set that lie in no other prefix of the set (a disjoint cover).
outermost(prefixes) := {prefix |
	some prefix in prefixes
	not _nested(prefix, prefixes)
}

_nested(prefix, prefixes) if {
	count(prefix) > 0
	some length in numbers.range(0, count(prefix) - 1)
	substring(prefix, 0, length) in prefixes
}

# METADATA
# description: The exact number of addresses a set of prefixes of one family covers.
size(family, prefixes) := sum([bits.lsh(1, width[family] - count(prefix)) | some prefix in outermost(prefixes)])

# METADATA
# description: >-
#   The prefixes (per family) that are not the public internet: the IANA special-purpose
#   ranges of riskreg_params.network.non_public_cidrs and the team's trusted_cidrs.
excluded[family] := {block.bits | some block in _excluded_blocks; block.family == family} if {
	some family in [4, 6]
}

_excluded_texts := array.concat(params.network.non_public_cidrs, params.network.trusted_cidrs)

_excluded_blocks contains parse_cidr(text) if some text in _excluded_texts

# METADATA
# description: >-
#   True when a CIDR lies wholly in a non-public or trusted range. A fast path only (Go's own
#   parser, through net.cidr_contains): it spares parsing the whole list into bit strings for
#   the common private ranges; a spelling Go rejects simply takes the exact path. (Every
#   range of the two lists must be one Go reads: lib/network's tests check the defaults.)
inside_excluded(cidr) if {
	is_string(cidr)
	net.cidr_is_valid(cidr)
	some [i, _] in net.cidr_contains_matches(_excluded_texts, cidr)

	# Go reads IPv4 ranges and IPv4-mapped IPv6 ones alike: only ranges of one family (an IPv6
	# one holds a ':') are compared.
	contains(_excluded_texts[i], ":") == contains(cidr, ":")
}

# METADATA
# description: The public part of a prefix after except prefixes (one family), as disjoint prefixes.
public_part(family, prefix, excepts) := subtract(prefix, excepts | excluded[family])
