# METADATA
# title: Anomalies trigger automated quarantine or disconnection
# description: >-
#   Checks that an AIDeployment pairs monitoring with an automated response (the boolean true)
#   that quarantines the workload or disconnects its outbound connections (params
#   aideployment.containment_actions; `none` is no containment), and that something can trigger
#   it: behavioural monitoring and anomaly detection enabled. A human-only response, or an
#   automated one nothing triggers, is too slow to stop data leaving or actions being taken once
#   anomalous communication starts.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: MON-002
#   severity: high
#   version: 2
#   mitigates: [mit1163.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 2.4]
#     eu_ai_act: [Article 14, Article 15]
#     iso_iec_42001: [A.6.2.6]
package riskreg.monitoring.automated_containment

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	action := object.get(entry.contents, ["spec", "monitoring", "containment", "action"], null)
	not declared.known("containment_actions", action)
	path := ["spec", "monitoring", "containment", "action"]
	text := sprintf("no containment action (%s) is configured: action is %v", [
		concat(" or ", params.aideployment.containment_actions),
		_shown(action),
	])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.monitoring.containment.automated == true
	automated := object.get(entry.contents, ["spec", "monitoring", "containment", "automated"], null)
	path := ["spec", "monitoring", "containment", "automated"]
	text := sprintf(
		"containment waits for a human instead of acting automatically: automated %s",
		[declared.flag_problem(automated, true)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some path in [["spec", "monitoring", "enabled"], ["spec", "monitoring", "anomalyDetection", "enabled"]]
	object.get(entry.contents, path, null) != true
	text := sprintf("nothing triggers containment: %s is not true", [concat(".", array.slice(path, 1, count(path)))])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_shown(null) := "not set"

_shown(value) := sprintf("%q", [value]) if is_string(value)

_shown(value) := sprintf("%v", [value]) if {
	value != null
	not is_string(value)
}
