# METADATA
# title: No high or critical audit finding is left open
# description: >-
#   Checks that no security audit or red-team exercise of an AIDeployment has an unresolved
#   finding of high or critical severity, and warns about open medium ones. A finding is
#   resolved only by status `resolved` in an audit dated at or before the evaluation time (its
#   own, or a later one listing the same id); `accepted` is a risk acceptance the manifest
#   grants itself, which belongs in a riskreg waiver with an approver and an expiry. An
#   evaluation that found a self-replication or shutdown-evasion path protects nothing until the
#   finding is resolved.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: AUD-003
#   severity: high
#   version: 3
#   mitigates: [mit1158.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.6.2.4]
package riskreg.audit.open_findings

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

# Every finding with why it is not resolved (absent when it is), and its severity.
_unresolved contains {"audit": audit, "index": j, "item": item, "severity": severity, "why": why} if {
	some audit in declared.audits
	some j, item in declared.as_list(audit.audit.findings)
	is_object(item)
	severity := _key_or(item, "severity", "critical")
	why := _why(audit, _key_or(item, "status", "open"))
	not _resolved_later(audit, item)
}

_why(_, "open") := "open"

_why(_, "accepted") := "accepted in the manifest: record a risk acceptance as a riskreg waiver (approver, expiry)"

_why(audit, "resolved") := "resolved only in an audit dated after the evaluation time" if not audit.evidence

_why(_, status) := sprintf("of status %v", [status]) if not status in {"open", "accepted", "resolved"}

# A field's name_key, or the fail-closed default when it is missing or no string.
_key_or(item, field, default_value) := declared.name_key(item[field]) if is_string(item[field])

else := default_value

# A later audit dated at or before the evaluation time lists the same finding as resolved.
_resolved_later(audit, item) if {
	some later in declared.audits
	later.entry == audit.entry
	later.evidence
	later.date_ns > audit.date_ns
	some other in declared.as_list(object.get(later.audit, "findings", []))
	other.id == item.id
	declared.name_key(other.status) == "resolved"
}

# A severity riskreg does not know ("severe", "P0", "blocker") is judged as high: only the
# known lower ones are let through, as a missing severity counts as critical.
deny contains finding if {
	some open in _unresolved
	not open.severity in {"medium", "low", "info", "informational"}
	path := ["spec", "audits", open.audit.index, "findings", open.index]
	text := sprintf("%v finding %v (%v) is %v", [
		open.severity,
		object.get(open.item, "id", "(no id)"),
		object.get(open.item, "title", "untitled"),
		open.why,
	])
	finding := result.make(rego.metadata.chain(), open.audit.entry, path, text)
}

warn contains finding if {
	some open in _unresolved
	open.severity == "medium"
	open.why == "open"
	path := ["spec", "audits", open.audit.index, "findings", open.index]
	text := sprintf(
		"open medium finding %v: %v",
		[object.get(open.item, "id", "(no id)"), object.get(open.item, "title", "untitled")],
	)
	finding := result.make(rego.metadata.chain(), open.audit.entry, path, text)
}
