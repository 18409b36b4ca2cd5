# METADATA
# title: The AI system has a service identity with explicit, bounded scopes
# description: >-
#   Checks that an AIDeployment names the service identity it acts as and lists its network,
#   filesystem and API scopes without wildcards or write access to the whole filesystem. Least
#   privilege keeps an AI system from reaching networks, files or APIs its function does not
#   need, which is how unintended outbound communication and unwanted actions start.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: IAM-001
#   severity: high
#   version: 1
#   mitigates: [mit1163.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.identity.least_privilege_scopes

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not is_string(object.get(entry.contents, ["spec", "identity", "serviceAccount"], null))
	path := ["spec", "identity", "serviceAccount"]
	text := "no service identity is declared"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not is_object(object.get(entry.contents, ["spec", "identity", "scopes"], null))
	path := ["spec", "identity", "scopes"]
	text := "no network, filesystem or API scopes are declared"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some kind in ["network", "api"]
	some i, scope in object.get(entry.contents, ["spec", "identity", "scopes", kind], [])
	contains(scope, "*")
	path := ["spec", "identity", "scopes", kind, i]
	text := sprintf("%s scope %q is a wildcard", [kind, scope])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, scope in object.get(entry.contents, ["spec", "identity", "scopes", "filesystem"], [])
	scope.access in {"write", "readwrite"}
	scope.path in {"/", "*", "/*", "/**"}
	path := ["spec", "identity", "scopes", "filesystem", i]
	text := sprintf("write access to the whole filesystem (%s)", [scope.path])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
