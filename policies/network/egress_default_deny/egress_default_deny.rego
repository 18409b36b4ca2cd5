# METADATA
# title: Outbound traffic is default-deny with a narrow allowlist
# description: >-
#   Checks that an AIDeployment declares egress whose default is deny and whose allowlist names
#   each destination narrowly, judged by value: a domain must sit under one registrable domain
#   (not `*`, `*.*`, `*.com`, a bare top-level domain or public suffix, an IP literal), and the
#   public address space a CIDR opens (in any spelling: `0.0.0.0/0`, `::/0`, `1.2.3.4/0`,
#   split halves) must not exceed riskreg_params.network's bound, alone or together with the
#   other entries on the same port. Without a narrow allowlist an AI system that can reach the
#   network can send data or trigger actions anywhere.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: NET-001
#   severity: high
#   version: 3
#   mitigates: [mit1163.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.network.egress_default_deny

import data.riskreg.lib.input as target
import data.riskreg.lib.network
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "egress", "defaultPolicy"], null) != "deny"
	path := ["spec", "egress", "defaultPolicy"]
	text := "outbound traffic is not default-deny"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some declaration in network.declarations
	some item in declaration.entries
	not is_string(item.domain)
	not is_string(item.cidr)
	path := ["spec", "egress", "allowlist", item.index]
	text := "allowlist entry names no domain or CIDR"
	finding := result.make(rego.metadata.chain(), declaration.entry, path, text)
}

deny contains finding if {
	some declaration in network.declarations
	some item in declaration.entries

	# (every declared entry has a domain field, null when the allowlist entry names none)
	item.domain != null
	verdict := network.domain_verdict(item.domain)
	verdict != "ok"
	path := ["spec", "egress", "allowlist", item.index, "domain"]
	text := sprintf("allowlist domain %v %s", [item.domain, verdict])
	finding := result.make(rego.metadata.chain(), declaration.entry, path, text)
}

deny contains finding if {
	some declaration in network.declarations
	some item in declaration.entries
	item.cidr != null
	not network.valid_cidr(item.cidr)
	path := ["spec", "egress", "allowlist", item.index, "cidr"]
	text := sprintf("allowlist cidr %v is not an IPv4 or IPv6 CIDR", [item.cidr])
	finding := result.make(rego.metadata.chain(), declaration.entry, path, text)
}

deny contains finding if {
	some id, probes in network.declared_open
	declaration := network.declarations[id]
	some i in {i | some probe in probes; some i in probe.entries}
	probe := _worst(declaration, probes, i)
	path := ["spec", "egress", "allowlist", i, "cidr"]
	finding := result.make(rego.metadata.chain(), declaration.entry, path, _open_text(declaration, i, probe))
}

_worst(declaration, probes, i) := {"protocol": w[1], "port": w[2], "family": w[0], "size": amount, "entries": w[3]} if {
	ordered := sort([[p.family, p.protocol, p.port, p.entries] | some p in probes; i in p.entries])
	w := ordered[0]
	amount := network.size(w[0], {prefix | some j in w[3]; some prefix in declaration.entries[j].public[w[0]]})
}

_open_text(declaration, i, probe) := sprintf(template, args) if {
	count(probe.entries) == 1
	template := "allowlist cidr %v opens %d public IPv%d addresses on %s port %d, more than the %d of one /%d"
	cidr := declaration.entries[i].cidr
	args := [cidr, probe.size, probe.family, probe.protocol, probe.port, _limit(probe), _prefix(probe)]
} else := sprintf(template, args) if {
	template := concat(" ", [
		"allowlist cidr %v and %d other entries together open %d public IPv%d addresses on %s port %d,",
		"more than the %d of one /%d",
	])
	others := count(probe.entries) - 1
	cidr := declaration.entries[i].cidr
	args := [cidr, others, probe.size, probe.family, probe.protocol, probe.port, _limit(probe), _prefix(probe)]
}

_limit(probe) := network.limit[probe.family]

_prefix(probe) := network.bound_prefix[probe.family]
