# METADATA
# title: Self-replication was evaluated adversarially and externally before deployment
# description: >-
#   Checks that an AIDeployment records a pre-deployment red-team exercise or audit whose scope
#   includes self-replication and that names an evaluation suite riskreg knows (params
#   aideployment.self_replication_suites, e.g. RepliBench), and an audit by an independent
#   party whose scope includes self-replication: an external audit of something else does not
#   evaluate it. Only audits dated at or before the evaluation time count: a future date is not
#   evidence. Latent self-replication and shutdown-evasion capabilities are found only by
#   testing for them.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: AUD-001
#   severity: high
#   version: 2
#   mitigates: [mit1158.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 1.3, MEASURE 2.7]
#     eu_ai_act: [Article 55]
#     iso_iec_42001: [A.6.2.4]
package riskreg.audit.self_replication_evaluation

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

# Pre-deployment evaluations of self-replication, whether or not they count.
_evaluations contains audit if {
	some audit in declared.audits
	audit.audit.phase == "pre-deployment"
	"self-replication" in audit.scope
}

# The deployment keys with such an evaluation, and with an independent audit.
_evaluation_keys contains audit.key if some audit in _evaluations

_independent_keys contains audit.key if some audit in _independent

_counts_as_evaluation(audit) if {
	audit.evidence
	declared.known("self_replication_suites", audit.audit.suite)
}

_independent contains audit if {
	some audit in declared.audits
	audit.external
}

_counts_as_independent(audit) if {
	audit.evidence
	"self-replication" in audit.scope
}

deny contains finding if {
	some entry in target.aideployments
	not declared.key(entry) in _evaluation_keys
	path := ["spec", "audits"]
	text := "no pre-deployment evaluation scoped to self-replication is recorded"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _evaluated(entry)
	some audit in _evaluations
	audit.key == declared.key(entry)
	not audit.evidence
	path := ["spec", "audits", audit.index, "date"]
	text := sprintf(
		"the self-replication evaluation's date %s",
		[declared.date_problem(object.get(audit.audit, "date", null))],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _evaluated(entry)
	some audit in _evaluations
	audit.key == declared.key(entry)
	suite := object.get(audit.audit, "suite", null)
	not declared.known("self_replication_suites", suite)
	path := ["spec", "audits", audit.index, "suite"]
	text := sprintf(
		"the self-replication evaluation names no suite riskreg knows (params aideployment.self_replication_suites): %v",
		[_shown(suite)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not declared.key(entry) in _independent_keys
	path := ["spec", "audits"]
	text := "no audit by an independent party"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _independently_evaluated(entry)
	some audit in _independent
	audit.key == declared.key(entry)
	not "self-replication" in audit.scope
	path := ["spec", "audits", audit.index, "scope"]
	text := sprintf("the independent audit is scoped to %v, not self-replication", [_scope(audit)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _independently_evaluated(entry)
	some audit in _independent
	audit.key == declared.key(entry)
	"self-replication" in audit.scope
	not audit.evidence
	path := ["spec", "audits", audit.index, "date"]
	text := sprintf(
		"the independent self-replication audit's date %s",
		[declared.date_problem(object.get(audit.audit, "date", null))],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_evaluated(entry) if {
	some audit in _evaluations
	audit.key == declared.key(entry)
	_counts_as_evaluation(audit)
}

_independently_evaluated(entry) if {
	some audit in _independent
	audit.key == declared.key(entry)
	_counts_as_independent(audit)
}

_scope(audit) := "nothing" if count(audit.scope) == 0

else := concat(", ", sort(audit.scope))

_shown(null) := "(not set)"

_shown(value) := sprintf("%q", [value]) if is_string(value)

_shown(value) := sprintf("%v", [value]) if {
	value != null
	not is_string(value)
}
