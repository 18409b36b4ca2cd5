# METADATA
# title: Callers authenticate strongly and are assigned bounded roles
# description: >-
#   Checks that an AIDeployment accepts only strong authentication methods (those listed in
#   params aideployment.strong_authentication_methods: MFA, OIDC, mutual TLS), so no weak method
#   (`none`, `basic`, `apiKey`) is accepted next to a strong one as the way around it, and that
#   it defines roles whose permissions are bounded (no `*`, `agent:*` or `all`). Stringent access
#   management over the deployment and its APIs keeps external and insider threat actors from
#   unmonitored use.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: ACC-001
#   severity: high
#   version: 2
#   mitigates: [mit1166.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.9.2]
package riskreg.access.strong_authentication

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not _non_empty_list(object.get(entry.contents, ["spec", "access", "authentication"], null))
	path := ["spec", "access", "authentication"]
	finding := result.make(rego.metadata.chain(), entry, path, "no authentication method is declared")
}

deny contains finding if {
	some weak in declared.weak_authentication
	path := ["spec", "access", "authentication", weak.index]
	text := sprintf("%s authentication is accepted: every accepted method must be strong (%s)", [
		_describe(weak.method),
		concat(", ", params.aideployment.strong_authentication_methods),
	])
	finding := result.make(rego.metadata.chain(), weak.entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _non_empty_list(object.get(entry.contents, ["spec", "access", "roles"], null))
	path := ["spec", "access", "roles"]
	text := "no access roles are defined"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some grant in declared.unbounded_permissions
	path := ["spec", "access", "roles", grant.role, "permissions", grant.index]
	text := sprintf(
		"role permission %v grants everything of its kind (a wildcard or unbounded word)",
		[_describe(grant.permission)],
	)
	finding := result.make(rego.metadata.chain(), grant.entry, path, text)
}

_non_empty_list(value) if {
	is_array(value)
	count(value) > 0
}

_describe(value) := sprintf("%q", [value]) if is_string(value)

else := sprintf("%v", [value])
