package riskreg.filtering.safety_alignment_test

import data.riskreg.filtering.safety_alignment as control
import data.riskreg.lib.testing

test_pass_aligned if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_none if {
	target := testing.aideployment_with([testing.replace_at("/spec/filtering/safetyAlignment", ["none"])])
	testing.fires(control.deny, "/spec/filtering/safetyAlignment") with input as target
}

test_deny_missing if {
	target := testing.aideployment_with([testing.remove_at("/spec/filtering/safetyAlignment")])
	testing.fires(control.deny, "/spec/filtering/safetyAlignment") with input as target
}
