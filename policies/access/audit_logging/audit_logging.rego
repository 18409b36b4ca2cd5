# METADATA
# title: Access and use are audit-logged
# description: >-
#   Checks that an AIDeployment enables audit logging of access to the system and its APIs, and
#   warns when logs are kept for less than 180 days. Auditable access is what lets misuse by
#   external or insider actors be investigated after the fact.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: ACC-002
#   severity: medium
#   version: 1
#   mitigates: [mit1166.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.8]
#     eu_ai_act: [Article 12, Article 26]
#     iso_iec_42001: [A.6.2.8]
package riskreg.access.audit_logging

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "access", "auditLogging", "enabled"], null) != true
	path := ["spec", "access", "auditLogging", "enabled"]
	finding := result.make(rego.metadata.chain(), entry, path, "access is not audit-logged")
}

warn contains finding if {
	some entry in target.aideployments
	entry.contents.spec.access.auditLogging.enabled == true
	object.get(entry.contents.spec.access.auditLogging, "retentionDays", 0) < 180
	path := ["spec", "access", "auditLogging", "retentionDays"]
	text := "audit logs are kept for less than 180 days"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
