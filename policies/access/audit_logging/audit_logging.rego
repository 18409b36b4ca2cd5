# METADATA
# title: Access and use are audit-logged, kept and sent somewhere
# description: >-
#   Checks that an AIDeployment enables audit logging of access to the system and its APIs (the
#   boolean true, not a string spelling it), keeps the logs at least
#   params aideployment.audit_log_min_retention_days (six months, the EU AI Act's minimum) and
#   names a destination that is not a placeholder (`none`, `/dev/null`). Auditable access is what
#   lets misuse by external or insider actors be investigated after the fact. The destination is
#   a declaration riskreg cannot reach, so a pass is attested.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: ACC-002
#   severity: medium
#   version: 2
#   mitigates: [mit1166.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.8]
#     eu_ai_act: [Article 12, Article 26]
#     iso_iec_42001: [A.6.2.8]
package riskreg.access.audit_logging

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.access.auditLogging.enabled == true
	enabled := object.get(entry.contents, ["spec", "access", "auditLogging", "enabled"], null)
	path := ["spec", "access", "auditLogging", "enabled"]
	text := sprintf("access is not audit-logged: enabled %s", [declared.flag_problem(enabled, true)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	days := object.get(entry.contents, ["spec", "access", "auditLogging", "retentionDays"], null)
	not _long_enough(days)
	path := ["spec", "access", "auditLogging", "retentionDays"]
	text := sprintf(
		"audit logs are kept %v days, less than the %v days asked (params aideployment.audit_log_min_retention_days)",
		[_shown(days), params.aideployment.audit_log_min_retention_days],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	destination := object.get(entry.contents, ["spec", "access", "auditLogging", "destination"], null)
	not _real_destination(destination)
	path := ["spec", "access", "auditLogging", "destination"]
	text := sprintf("audit logs go nowhere: destination is %v", [_shown(destination)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_long_enough(days) if {
	is_number(days)
	days >= params.aideployment.audit_log_min_retention_days
}

_real_destination(destination) if {
	is_string(destination)
	not declared.placeholder(destination)
}

_shown(null) := "not set"

_shown(value) := sprintf("%q", [value]) if is_string(value)

_shown(value) := sprintf("%v", [value]) if {
	value != null
	not is_string(value)
}
