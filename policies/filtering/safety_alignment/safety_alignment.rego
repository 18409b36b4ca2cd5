# METADATA
# title: The model is safety-aligned to refuse dangerous requests
# description: >-
#   Checks that an AIDeployment records at least one safety-alignment technique riskreg counts
#   (params aideployment.safety_alignment_techniques: RLHF, RLAIF, constitutional training, DPO)
#   applied to the model it serves, and that `none` is not among them (it contradicts the rest).
#   Supervised fine-tuning alone does not count (every instruction-tuned model has it). Alignment
#   conditions the model to reject requests for dangerous or prohibited outputs; filtering
#   supplements it but does not replace it.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: FILT-003
#   severity: medium
#   version: 2
#   mitigates: [mit1166.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.6]
#     eu_ai_act: [Article 55]
#     iso_iec_42001: [A.6.1.3]
package riskreg.filtering.safety_alignment

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	techniques := object.get(entry.contents, ["spec", "filtering", "safetyAlignment"], [])
	not declared.any_known("safety_alignment_techniques", techniques)
	path := ["spec", "filtering", "safetyAlignment"]
	text := sprintf(
		"no safety-alignment technique riskreg counts is recorded (params aideployment.safety_alignment_techniques)%s",
		[_named(techniques)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, technique in entry.contents.spec.filtering.safetyAlignment
	declared.name_key(technique) == "none"
	path := ["spec", "filtering", "safetyAlignment", i]
	finding := result.make(rego.metadata.chain(), entry, path, "the model is declared unaligned (`none`)")
}

_named(techniques) := sprintf("; named: %s", [concat(", ", [sprintf("%v", [name]) | some name in techniques])]) if {
	is_array(techniques)
	count(techniques) > 0
} else := ""
