# METADATA
# title: Blocked outbound attempts are logged
# description: >-
#   Checks that an AIDeployment's egress policy logs every blocked connection attempt. A blocked
#   attempt is the first sign that an AI system is trying to communicate outside its approved
#   channels; unlogged, it is invisible to monitoring and to audits.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: NET-002
#   severity: medium
#   version: 1
#   mitigates: [mit1163.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 12, Article 15]
#     iso_iec_42001: [A.6.2.8]
package riskreg.network.egress_blocked_logging

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "egress", "logBlocked"], null) != true
	path := ["spec", "egress", "logBlocked"]
	text := "blocked outbound attempts are not logged"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
