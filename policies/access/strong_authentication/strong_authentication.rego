# METADATA
# title: Callers authenticate strongly and are assigned roles
# description: >-
#   Checks that an AIDeployment accepts only authenticated callers, with at least one strong
#   method (MFA, OIDC or mutual TLS), never `none`, and that it defines roles. Stringent access
#   management over the deployment and its APIs keeps external and insider threat actors from
#   unmonitored use.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: ACC-001
#   severity: high
#   version: 1
#   mitigates: [mit1166.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.9.2]
package riskreg.access.strong_authentication

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	methods := object.get(entry.contents, ["spec", "access", "authentication"], [])
	count({method | some method in methods; method in {"mfa", "oidc", "mtls"}}) == 0
	path := ["spec", "access", "authentication"]
	text := "no strong authentication method (mfa, oidc or mtls)"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, method in object.get(entry.contents, ["spec", "access", "authentication"], [])
	method == "none"
	path := ["spec", "access", "authentication", i]
	finding := result.make(rego.metadata.chain(), entry, path, "unauthenticated access is allowed")
}

deny contains finding if {
	some entry in target.aideployments
	count(object.get(entry.contents, ["spec", "access", "roles"], [])) == 0
	path := ["spec", "access", "roles"]
	text := "no access roles are defined"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
