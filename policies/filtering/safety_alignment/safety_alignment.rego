# METADATA
# title: The model is safety-aligned to refuse dangerous requests
# description: >-
#   Checks that an AIDeployment records the safety-alignment techniques (e.g. RLHF, RLAIF,
#   constitutional training) applied to the model it serves, and that `none` is not among them.
#   Alignment conditions the model to reject requests for dangerous or prohibited outputs;
#   filtering supplements it but does not replace it.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: FILT-003
#   severity: medium
#   version: 1
#   mitigates: [mit1166.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.6]
#     eu_ai_act: [Article 55]
#     iso_iec_42001: [A.6.1.3]
package riskreg.filtering.safety_alignment

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	methods := object.get(entry.contents, ["spec", "filtering", "safetyAlignment"], [])
	_unaligned(methods)
	path := ["spec", "filtering", "safetyAlignment"]
	text := "no safety-alignment technique is recorded for the model"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_unaligned(methods) if count(methods) == 0

_unaligned(methods) if "none" in methods
