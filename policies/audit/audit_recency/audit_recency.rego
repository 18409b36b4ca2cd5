# METADATA
# title: A security audit was completed in the last 365 days
# description: >-
#   Checks that an AIDeployment's most recent audit or red-team exercise scoped to security is
#   dated at or before the evaluation time (input.riskreg.now_ns when given; a future date is
#   not evidence) and at most params aideployment.audit_max_age_days (365) old. An audit of
#   something else (misuse, self-replication only) is not a security audit. Audits must continue
#   during deployment, because capabilities and the environment change after the pre-deployment
#   evaluation.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: AUD-002
#   severity: medium
#   version: 2
#   mitigates: [mit1158.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.6.2.4]
package riskreg.audit.audit_recency

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

_security contains audit if {
	some audit in declared.audits
	"security" in audit.scope
}

# The deployment keys with a security audit.
_security_keys contains audit.key if some audit in _security

_recent(audit) if {
	audit.evidence
	declared.days_since(audit.date_ns) <= params.aideployment.audit_max_age_days
}

_covered(entry) if {
	some audit in _security
	audit.key == declared.key(entry)
	_recent(audit)
}

deny contains finding if {
	some entry in target.aideployments
	not declared.key(entry) in _security_keys
	path := ["spec", "audits"]
	text := "no audit or red-team exercise is scoped to security"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _covered(entry)
	some audit in _security
	audit.key == declared.key(entry)
	not audit.evidence
	path := ["spec", "audits", audit.index, "date"]
	text := sprintf("the security audit's date %s", [declared.date_problem(object.get(audit.audit, "date", null))])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _covered(entry)
	k := declared.key(entry)
	dated := [audit | some audit in _security; audit.key == k; audit.evidence]
	newest := max([audit.date_ns | some audit in dated])
	some audit in dated
	audit.date_ns == newest
	path := ["spec", "audits", audit.index, "date"]
	text := sprintf("no security audit in the last %v days: the newest, %v, is %v days old", [
		params.aideployment.audit_max_age_days,
		audit.audit.date,
		declared.age_days(audit.audit.date),
	])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
