# METADATA
# title: Outbound traffic is default-deny with an explicit allowlist
# description: >-
#   Checks that an AIDeployment declares an egress policy whose default is deny and whose
#   allowlist names each destination by domain or CIDR, never everything (a bare `*` domain or
#   0.0.0.0/0). Without an allowlist an AI system that can reach the network can send data or
#   trigger actions anywhere.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: NET-001
#   severity: high
#   version: 1
#   mitigates: [mit1163.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.network.egress_default_deny

import data.riskreg.lib.input as target
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
	some entry in target.aideployments
	some i, rule in object.get(entry.contents, ["spec", "egress", "allowlist"], [])
	not _names_destination(rule)
	path := ["spec", "egress", "allowlist", i]
	text := "allowlist entry names no domain or CIDR"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, rule in object.get(entry.contents, ["spec", "egress", "allowlist"], [])
	_everything(rule)
	path := ["spec", "egress", "allowlist", i]
	text := "allowlist entry allows every destination"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_names_destination(rule) if is_string(rule.domain)

_names_destination(rule) if is_string(rule.cidr)

_everything(rule) if rule.domain == "*"

_everything(rule) if rule.cidr in {"0.0.0.0/0", "::/0"}
