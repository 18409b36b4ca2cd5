# METADATA
# title: Behaviour is monitored against a baseline with anomaly detection
# description: >-
#   Checks that an AIDeployment enables behavioural monitoring, records a baseline of normal
#   process, API or network activity, and runs anomaly detection against it. Deviations from the
#   baseline are how unauthorised communication or misuse is noticed while it happens.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: MON-001
#   severity: medium
#   version: 1
#   mitigates: [mit1163.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.4]
#     eu_ai_act: [Article 15, Article 72]
#     iso_iec_42001: [A.6.2.6]
package riskreg.monitoring.behavioural_baseline

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "monitoring", "enabled"], null) != true
	path := ["spec", "monitoring", "enabled"]
	text := "behavioural monitoring is not enabled"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	count(object.get(entry.contents, ["spec", "monitoring", "baseline", "signals"], [])) == 0
	path := ["spec", "monitoring", "baseline"]
	text := "no behavioural baseline is recorded"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "monitoring", "anomalyDetection", "enabled"], null) != true
	path := ["spec", "monitoring", "anomalyDetection", "enabled"]
	finding := result.make(rego.metadata.chain(), entry, path, "anomaly detection is not enabled")
}
