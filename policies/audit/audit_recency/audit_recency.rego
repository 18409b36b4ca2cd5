# METADATA
# title: A security audit was completed in the last 365 days
# description: >-
#   Checks that the most recent security audit or red-team exercise of an AIDeployment is at
#   most 365 days old at evaluation time (input.riskreg.now_ns when given). Audits must continue
#   during deployment, because capabilities and the environment change after the pre-deployment
#   evaluation.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: AUD-002
#   severity: medium
#   version: 1
#   mitigates: [mit1158.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.6.2.4]
package riskreg.audit.audit_recency

import data.riskreg.lib.input as target
import data.riskreg.lib.result

_max_age_ns := ((365 * 24) * 3600) * 1000000000

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	dates := {ns | some audit in object.get(entry.contents, ["spec", "audits"], []); ns := _date_ns(audit.date)}
	not _recent(dates)
	path := ["spec", "audits"]
	text := "no security audit in the last 365 days"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_recent(dates) if {
	some ns in dates
	target.now_ns - ns <= _max_age_ns
}

_date_ns(date) := time.parse_ns("2006-01-02", date) if {
	is_string(date)
	regex.match(`^\d{4}-\d{2}-\d{2}$`, date)
}

_date_ns(date) := time.parse_rfc3339_ns(date) if {
	is_string(date)
	regex.match(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$`, date)
}
