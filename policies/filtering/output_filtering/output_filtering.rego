# METADATA
# title: Outputs pass a known, blocking output classifier
# description: >-
#   Checks that an AIDeployment filters model outputs before they are delivered with at least one
#   classifier riskreg knows (params aideployment.output_classifiers: what it detects, such as
#   harmful content or PII, or a named product) that blocks what it flags, enabled by the boolean
#   true. A classifier list of placeholders (`noop`, `none`, `dummy`, blank) or of names riskreg
#   cannot tell from them filters nothing it can count; an unknown name next to a known one only
#   warns, and a team lists its own classifiers in its params override. Output filtering is the last
#   line against generated content that alignment and input filtering missed.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: FILT-002
#   severity: high
#   version: 2
#   mitigates: [mit1166.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.6]
#     eu_ai_act: [Article 15, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.filtering.output_filtering

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.filtering.output.enabled == true
	enabled := object.get(entry.contents, ["spec", "filtering", "output", "enabled"], null)
	path := ["spec", "filtering", "output", "enabled"]
	text := sprintf("output filtering is not enabled: enabled %s", [declared.flag_problem(enabled, true)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	names := object.get(entry.contents, ["spec", "filtering", "output", "classifiers"], [])
	not declared.any_known("output_classifiers", names)
	path := ["spec", "filtering", "output", "classifiers"]
	text := sprintf(
		"output filtering names no classifier riskreg knows (params aideployment.output_classifiers)%s",
		[_named(names)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.filtering.output.action == "block"
	action := object.get(entry.contents, ["spec", "filtering", "output", "action"], null)
	path := ["spec", "filtering", "output", "action"]
	text := sprintf("output filtering does not block flagged content (action: %v)", [action])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

warn contains finding if {
	some entry in target.aideployments
	names := entry.contents.spec.filtering.output.classifiers
	some i, name in names
	not name in params.aideployment.output_classifiers # listed as written: known without a call
	not declared.known("output_classifiers", name)
	declared.any_known("output_classifiers", names)
	path := ["spec", "filtering", "output", "classifiers", i]
	text := sprintf(
		"output classifier %v is unknown to riskreg: add it to params aideployment.output_classifiers if it is real",
		[_quoted(name)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_named(names) := sprintf("; named: %s", [concat(", ", [_quoted(name) | some name in names])]) if {
	is_array(names)
	count(names) > 0
} else := ""

_quoted(name) := sprintf("%q", [name]) if is_string(name)

else := sprintf("%v", [name])
