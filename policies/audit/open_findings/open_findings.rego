# METADATA
# title: No high or critical audit finding is left open
# description: >-
#   Checks that no security audit or red-team exercise of an AIDeployment has an open finding of
#   high or critical severity, and warns about open medium ones. An evaluation that found a
#   self-replication or shutdown-evasion path protects nothing until the finding is resolved.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: AUD-003
#   severity: high
#   version: 1
#   mitigates: [mit1158.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.6.2.4]
package riskreg.audit.open_findings

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some [entry, i, j, item] in _open_findings
	item.severity in {"high", "critical"}
	path := ["spec", "audits", i, "findings", j]
	text := sprintf("open %v finding %v: %v", [item.severity, item.id, item.title])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

warn contains finding if {
	some [entry, i, j, item] in _open_findings
	item.severity == "medium"
	path := ["spec", "audits", i, "findings", j]
	text := sprintf("open medium finding %v: %v", [item.id, item.title])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_open_findings contains [entry, i, j, item] if {
	some entry in target.aideployments
	some i, audit in object.get(entry.contents, ["spec", "audits"], [])
	some j, item in object.get(audit, "findings", [])
	object.get(item, "status", "open") == "open"
}
