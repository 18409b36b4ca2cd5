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
domain_verdict(text) := "is not a string" if {
	not is_string(text)
} else := "is empty" if {
	_domain(text) == ""
} else := "is an IP address or range, not a domain (declare it as a cidr)" if {
	_ip_literal(_domain(text))
} else := "is not a domain name (only letters, digits, '-', '_', '.' and '*' wildcards)" if {
	not regex.match(`^[a-z0-9*_.-]+$`, _domain(text))
} else := "matches every domain" if {
	regex.match(`^[*.]+$`, _domain(text))
} else := "has an empty label" if {
	some label in _labels(text)
	label == ""
} else := "ends in a numeric label, which is not a domain name" if {
	regex.match(`^[0-9]+$`, _last(_labels(text)))
} else := "ends in a wildcard, so it matches names under any top-level domain" if {
	_suffix(text) == ""
} else := sprintf("is a bare top-level domain (%s)", [_domain(text)]) if {
	count(_labels(text)) == 1
} else := sprintf("matches every name under the top-level domain %s", [_suffix(text)]) if {
	count(_labels(text)) > count(split(_suffix(text), "."))
	count(split(_suffix(text), ".")) == 1
} else := sprintf("matches every name under the public suffix %s", [_suffix(text)]) if {
	_suffix(text) in params.network.public_suffixes
} else := "ok"

# Lower case, without a trailing dot; a leading dot (suffix match in many proxies) is a wildcard.
_domain(text) := name if {
	trimmed := trim_suffix(lower(trim_space(text)), ".")
	name := _leading_dot(trimmed)
}

_leading_dot(name) := concat("", ["*", name]) if startswith(name, ".")

else := name

_ip_literal(name) if parse_cidr(name)

_ip_literal(name) if startswith(name, "[")

_ip_literal(name) if {
	contains(name, "/")
	parse_cidr(name)
}

_labels(text) := split(_domain(text), ".")

_last(labels) := labels[count(labels) - 1]

# Everything after the last label holding a wildcard (the whole name when there is none).
_suffix(text) := concat(".", array.slice(labels, _after_wildcard(labels), count(labels))) if {
	labels := _labels(text)
}

_after_wildcard(labels) := max({after | some i, label in labels; contains(label, "*"); after := i + 1}) if {
	some label in labels
	contains(label, "*")
} else := 0
