package riskreg.filtering.input_filtering_test

import data.riskreg.filtering.input_filtering as control
import data.riskreg.lib.testing

test_pass_input_filtered if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_input_filter if {
	target := testing.aideployment_with([testing.remove_at("/spec/filtering/input")])
	testing.fires(control.deny, "/spec/filtering/input/enabled") with input as target
}

test_deny_no_classifier if {
	target := testing.aideployment_with([testing.replace_at("/spec/filtering/input/classifiers", [])])
	testing.fires(control.deny, "/spec/filtering/input/classifiers") with input as target
}

test_deny_flag_only if {
	target := testing.aideployment_with([testing.replace_at("/spec/filtering/input/action", "flag")])
	testing.fires(control.deny, "/spec/filtering/input/action") with input as target
}
