package riskreg.filtering.output_filtering_test

import data.riskreg.filtering.output_filtering as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_blocking_classifiers if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_pass_named_product_spelled_differently if {
	target := _with("/spec/filtering/output/classifiers", ["presidio"])
	count(control.deny) == 0 with input as target
	count(control.warn) == 0 with input as target
}

test_deny_no_output_filter if {
	target := testing.aideployment_with([testing.remove_at("/spec/filtering/output")])
	testing.fires(control.deny, "/spec/filtering/output/enabled") with input as target
	testing.fires(control.deny, "/spec/filtering/output/classifiers") with input as target
	testing.fires(control.deny, "/spec/filtering/output/action") with input as target
}

test_deny_enabled_as_a_string if {
	input1 := _with("/spec/filtering/output/enabled", "true")
	testing.fires(control.deny, "/spec/filtering/output/enabled") with input as input1
}

test_deny_flag_only if {
	input1 := _with("/spec/filtering/output/action", "flag")
	testing.fires(control.deny, "/spec/filtering/output/action") with input as input1
}

test_deny_placeholder_classifiers if {
	target := _with("/spec/filtering/output/classifiers", ["noop", "None", " ", "dummy"])
	testing.fires(control.deny, "/spec/filtering/output/classifiers") with input as target
}

test_deny_unknown_classifier_alone if {
	target := _with("/spec/filtering/output/classifiers", ["acme-filter"])
	testing.fires(control.deny, "/spec/filtering/output/classifiers") with input as target
}

test_warn_unknown_classifier_next_to_a_known_one if {
	target := _with("/spec/filtering/output/classifiers", ["pii", "noop"])
	count(control.deny) == 0 with input as target
	testing.fires(control.warn, "/spec/filtering/output/classifiers/1") with input as target
}
