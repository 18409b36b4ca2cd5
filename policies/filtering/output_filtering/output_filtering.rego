# METADATA
# title: Outputs pass a blocking output classifier
# description: >-
#   Checks that an AIDeployment filters model outputs with at least one classifier that blocks
#   harmful or prohibited content before it is delivered. Output filtering is the last line
#   against generated content that alignment and input filtering missed.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: FILT-002
#   severity: high
#   version: 1
#   mitigates: [mit1166.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.6]
#     eu_ai_act: [Article 15, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.filtering.output_filtering

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "filtering", "output", "enabled"], null) != true
	path := ["spec", "filtering", "output", "enabled"]
	text := "output filtering is not enabled"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	count(object.get(entry.contents, ["spec", "filtering", "output", "classifiers"], [])) == 0
	path := ["spec", "filtering", "output", "classifiers"]
	text := "output filtering names no classifier"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	object.get(entry.contents, ["spec", "filtering", "output", "action"], null) != "block"
	path := ["spec", "filtering", "output", "action"]
	text := "output filtering does not block flagged content"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
