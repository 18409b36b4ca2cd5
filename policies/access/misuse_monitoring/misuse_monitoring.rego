# METADATA
# title: Use is monitored for misuse in real time
# description: >-
#   Checks that an AIDeployment monitors usage in real time for anomalous activity that
#   indicates malicious exploitation, such as prompt-injection attempts or high-volume queries
#   in sensitive domains. Governance needs to see misuse while it happens, not in a quarterly
#   report.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: ACC-003
#   severity: high
#   version: 1
#   mitigates: [mit1166.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 4.1, MEASURE 2.4]
#     eu_ai_act: [Article 55, Article 72]
#     iso_iec_42001: [A.6.2.6]
package riskreg.access.misuse_monitoring

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "access", "misuseMonitoring", "enabled"], null) != true
	path := ["spec", "access", "misuseMonitoring", "enabled"]
	finding := result.make(rego.metadata.chain(), entry, path, "usage is not monitored for misuse")
}

deny contains finding if {
	some entry in target.aideployments
	entry.contents.spec.access.misuseMonitoring.enabled == true
	object.get(entry.contents.spec.access.misuseMonitoring, "realtime", null) != true
	path := ["spec", "access", "misuseMonitoring", "realtime"]
	text := "misuse monitoring does not alert in real time"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
