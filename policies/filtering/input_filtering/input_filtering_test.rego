package riskreg.filtering.input_filtering_test

import data.riskreg.filtering.input_filtering as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_blocking_classifiers if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_pass_named_product_spelled_differently if {
	target := _with("/spec/filtering/input/classifiers", ["Llama_Guard 3"])
	count(control.deny) == 0 with input as target
	count(control.warn) == 0 with input as target
}

test_deny_no_input_filter if {
	target := testing.aideployment_with([testing.remove_at("/spec/filtering/input")])
	testing.fires(control.deny, "/spec/filtering/input/enabled") with input as target
	testing.fires(control.deny, "/spec/filtering/input/classifiers") with input as target
	testing.fires(control.deny, "/spec/filtering/input/action") with input as target
}

test_deny_enabled_as_a_string if {
	input1 := _with("/spec/filtering/input/enabled", "true")
	testing.fires(control.deny, "/spec/filtering/input/enabled") with input as input1
}

test_deny_flag_only if {
	input1 := _with("/spec/filtering/input/action", "flag")
	testing.fires(control.deny, "/spec/filtering/input/action") with input as input1
}

test_deny_placeholder_classifiers if {
	target := _with("/spec/filtering/input/classifiers", ["noop", "None", " ", "dummy"])
	testing.fires(control.deny, "/spec/filtering/input/classifiers") with input as target
}

test_deny_unknown_classifier_alone if {
	target := _with("/spec/filtering/input/classifiers", ["acme-filter"])
	testing.fires(control.deny, "/spec/filtering/input/classifiers") with input as target
}

test_warn_unknown_classifier_next_to_a_known_one if {
	target := _with("/spec/filtering/input/classifiers", ["jailbreak", "noop"])
	count(control.deny) == 0 with input as target
	testing.fires(control.warn, "/spec/filtering/input/classifiers/1") with input as target
}
