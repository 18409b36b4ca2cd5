package riskreg.filtering.output_filtering_test

import data.riskreg.filtering.output_filtering as control
import data.riskreg.lib.testing

test_pass_output_filtered if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_output_filter if {
	target := testing.aideployment_with([testing.remove_at("/spec/filtering/output")])
	testing.fires(control.deny, "/spec/filtering/output/enabled") with input as target
}

test_deny_no_classifier if {
	target := testing.aideployment_with([testing.replace_at("/spec/filtering/output/classifiers", [])])
	testing.fires(control.deny, "/spec/filtering/output/classifiers") with input as target
}

test_deny_flag_only if {
	target := testing.aideployment_with([testing.replace_at("/spec/filtering/output/action", "flag")])
	testing.fires(control.deny, "/spec/filtering/output/action") with input as target
}
