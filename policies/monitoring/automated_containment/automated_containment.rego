# METADATA
# title: Anomalies trigger automated quarantine or disconnection
# description: >-
#   Checks that an AIDeployment pairs monitoring with an automated response that quarantines the
#   workload or disconnects its outbound connections. A human-only response is too slow to stop
#   data leaving or actions being taken once anomalous communication starts.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: MON-002
#   severity: high
#   version: 1
#   mitigates: [mit1163.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 2.4]
#     eu_ai_act: [Article 14, Article 15]
#     iso_iec_42001: [A.6.2.6]
package riskreg.monitoring.automated_containment

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not object.get(entry.contents, ["spec", "monitoring", "containment", "action"], null) in {"quarantine", "disconnect"}
	path := ["spec", "monitoring", "containment", "action"]
	text := "no containment action (quarantine or disconnect) is configured"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "monitoring", "containment", "automated"], null) != true
	path := ["spec", "monitoring", "containment", "automated"]
	text := "containment waits for a human instead of acting automatically"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
