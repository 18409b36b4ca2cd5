# METADATA
# title: Prompts pass a known, blocking input classifier
# description: >-
#   Checks that an AIDeployment filters prompts before the model processes them with at least one
#   classifier riskreg knows (params aideployment.input_classifiers: what it detects, such as
#   prompt-injection or jailbreak detection, or a named product) that blocks what it flags, enabled
#   by the boolean true. A classifier list of placeholders (`noop`, `none`, `dummy`, blank) or of
#   names riskreg cannot tell from them filters nothing it can count; an unknown name next to a
#   known one only warns, and a team lists its own classifiers in its params override. Input
#   filtering stops malicious prompts that alignment alone lets through.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: FILT-001
#   severity: high
#   version: 2
#   mitigates: [mit1166.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.6]
#     eu_ai_act: [Article 15, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.filtering.input_filtering

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.filtering.input.enabled == true
	enabled := object.get(entry.contents, ["spec", "filtering", "input", "enabled"], null)
	path := ["spec", "filtering", "input", "enabled"]
	text := sprintf("input filtering is not enabled: enabled %s", [declared.flag_problem(enabled, true)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	names := object.get(entry.contents, ["spec", "filtering", "input", "classifiers"], [])
	not declared.any_known("input_classifiers", names)
	path := ["spec", "filtering", "input", "classifiers"]
	text := sprintf(
		"input filtering names no classifier riskreg knows (params aideployment.input_classifiers)%s",
		[_named(names)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.filtering.input.action == "block"
	action := object.get(entry.contents, ["spec", "filtering", "input", "action"], null)
	path := ["spec", "filtering", "input", "action"]
	text := sprintf("input filtering does not block flagged content (action: %v)", [action])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

warn contains finding if {
	some entry in target.aideployments
	names := entry.contents.spec.filtering.input.classifiers
	some i, name in names
	not name in params.aideployment.input_classifiers # listed as written: known without a call
	not declared.known("input_classifiers", name)
	declared.any_known("input_classifiers", names)
	path := ["spec", "filtering", "input", "classifiers", i]
	text := sprintf(
		"input classifier %v is unknown to riskreg: add it to params aideployment.input_classifiers if it is real",
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
