# METADATA
# title: Prompts pass a blocking input classifier
# description: >-
#   Checks that an AIDeployment filters prompts with at least one classifier (e.g.
#   prompt-injection or jailbreak detection) that blocks what it flags before the model
#   processes it. Input filtering stops malicious prompts that alignment alone lets through.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: FILT-001
#   severity: high
#   version: 1
#   mitigates: [mit1166.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.6]
#     eu_ai_act: [Article 15, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.filtering.input_filtering

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "filtering", "input", "enabled"], null) != true
	path := ["spec", "filtering", "input", "enabled"]
	text := "input filtering is not enabled"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	count(object.get(entry.contents, ["spec", "filtering", "input", "classifiers"], [])) == 0
	path := ["spec", "filtering", "input", "classifiers"]
	text := "input filtering names no classifier"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "filtering", "input", "action"], null) != "block"
	path := ["spec", "filtering", "input", "action"]
	text := "input filtering does not block flagged content"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
