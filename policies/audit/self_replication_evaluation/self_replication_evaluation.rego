# METADATA
# title: Self-replication was evaluated adversarially and externally before deployment
# description: >-
#   Checks that an AIDeployment records a pre-deployment red-team exercise or audit whose scope
#   includes self-replication and names the evaluation suite used (e.g. RepliBench), and at
#   least one audit by an independent party. Latent self-replication and shutdown-evasion
#   capabilities are found only by testing for them.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: AUD-001
#   severity: high
#   version: 1
#   mitigates: [mit1158.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 1.3, MEASURE 2.7]
#     eu_ai_act: [Article 55]
#     iso_iec_42001: [A.6.2.4]
package riskreg.audit.self_replication_evaluation

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	audits := object.get(entry.contents, ["spec", "audits"], [])
	not _replication_evaluated(audits)
	path := ["spec", "audits"]
	text := "no pre-deployment self-replication evaluation with a named suite (e.g. RepliBench)"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	audits := object.get(entry.contents, ["spec", "audits"], [])
	not _external(audits)
	path := ["spec", "audits"]
	text := "no audit by an independent party"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_replication_evaluated(audits) if {
	some audit in audits
	audit.phase == "pre-deployment"
	"self-replication" in audit.scope
	is_string(audit.suite)
}

_external(audits) if {
	some audit in audits
	audit.external == true
}
