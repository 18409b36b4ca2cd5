# METADATA
# title: The AI system's authority never exceeds its caller's
# description: >-
#   Checks that an AIDeployment sets identity.inheritCallerPermissions to the boolean true (a string
#   or number that spells it is not one), so every action the AI system takes on behalf of a user is
#   authorised against that user's own permissions. An AI system holding more authority than the
#   person or service calling it is a privilege-escalation path and lets it act in ways no caller
#   could.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: IAM-002
#   severity: high
#   version: 1
#   mitigates: [mit1163.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.9.2]
package riskreg.identity.caller_permission_cap

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	inherit := object.get(entry.contents, ["spec", "identity", "inheritCallerPermissions"], null)
	inherit != true
	path := ["spec", "identity", "inheritCallerPermissions"]
	text := sprintf(
		"authority is not capped by the calling user's permissions: inheritCallerPermissions %s",
		[declared.flag_problem(inherit, true)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
