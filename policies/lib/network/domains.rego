# Judging a DNS name or pattern as an egress destination (a declared allowlist domain, a Cilium
# toFQDNs matchName/matchPattern, a Calico domain): a name is narrow when everything after its
# last wildcard is a registrable domain, i.e. at least two labels and not a public suffix
# (riskreg_params.network.public_suffixes); `*`, `*.*`, `*.com`, `*.co.uk`, `com`, `*example.com`
# are not. IP literals are not names (they bypass DNS-based enforcement and must be declared as
# CIDRs, where their breadth is measured).
package riskreg.lib.network

import data.riskreg_params as params

# METADATA
# description: >-
#   "ok" when a domain (or wildcard pattern) names a bounded set of hosts under one registrable
#   domain; otherwise why it does not ("matches every domain", "is a bare top-level domain"...).
domain_verdict(text) := _name_verdict(_domain(text)) if is_string(text)

else := "is not a string"

# The checks run in a fixed order on the normalised name; labels and suffix are computed once.
# The first test is a shortcut for the common plain name (no wildcard, two or more non-empty
# labels, the last one not numeric): no check below can fail it but the public suffix one (its
# last label is no IPv4 octet and it holds no ':', so it is no IP literal either).
_name_verdict(name) := "ok" if {
	regex.match(`^([a-z0-9_-]+\.)+[a-z0-9_-]*[a-z_-][a-z0-9_-]*$`, name)
	not name in params.network.public_suffixes
} else := "is empty" if {
	name == ""
} else := "is an IP address or range, not a domain (declare it as a cidr)" if {
	_ip_literal(name)
} else := "is not a domain name (only letters, digits, '-', '_', '.' and '*' wildcards)" if {
	not regex.match(`^[a-z0-9*_.-]+$`, name)
} else := "matches every domain" if {
	regex.match(`^[*.]+$`, name)
} else := _label_verdict(name, split(name, "."))

_label_verdict(name, labels) := "has an empty label" if {
	"" in labels
} else := "ends in a numeric label, which is not a domain name" if {
	regex.match(`^[0-9]+$`, labels[count(labels) - 1])
} else := _suffix_verdict(name, labels, _suffix(name, labels))

# Past the checks above labels has two or more entries, so a suffix without a dot is one label
# shorter than the name: every name under that top-level domain.
_suffix_verdict(name, labels, suffix) := "ends in a wildcard, so it matches names under any top-level domain" if {
	suffix == ""
} else := sprintf("is a bare top-level domain (%s)", [name]) if {
	count(labels) == 1
} else := sprintf("matches every name under the top-level domain %s", [suffix]) if {
	not contains(suffix, ".")
} else := sprintf("matches every name under the public suffix %s", [suffix]) if {
	suffix in params.network.public_suffixes
} else := "ok"

# Lower case, without a trailing dot; a leading dot (suffix match in many proxies) is a wildcard.
_domain(text) := _leading_dot(trim_suffix(lower(trim_space(text)), "."))

_leading_dot(name) := concat("", ["*", name]) if startswith(name, ".")

else := name

# parse_cidr reads only hexadecimal digits, ':', '.', '/' and surrounding spaces: a name with any
# other letter (most names) is no IP literal and skips parsing.
_ip_literal(name) if startswith(name, "[")

else if {
	not regex.match(`[g-z]`, name)
	parse_cidr(name)
}

# Everything after the last label holding a wildcard (the whole name when there is none).
_suffix(name, labels) := name if not contains(name, "*")

else := concat(".", array.slice(labels, _after_wildcard(labels), count(labels)))

# Past the last label holding a wildcard (some label does when the name holds one).
_after_wildcard(labels) := max({after | some i, label in labels; contains(label, "*"); after := i + 1})
