package riskreg.filtering.safety_alignment_test

import data.riskreg.filtering.safety_alignment as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_aligned if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_preference_tuning_after_sft if {
	count(control.deny) == 0 with input as _with("/spec/filtering/safetyAlignment", ["sft", "DPO"])
}

test_deny_none if {
	input1 := _with("/spec/filtering/safetyAlignment", ["none"])
	testing.fires(control.deny, "/spec/filtering/safetyAlignment") with input as input1
}

test_deny_none_next_to_a_technique if {
	input1 := _with("/spec/filtering/safetyAlignment", ["rlhf", "none"])
	testing.fires(control.deny, "/spec/filtering/safetyAlignment/1") with input as input1
}

test_deny_sft_alone if {
	input1 := _with("/spec/filtering/safetyAlignment", ["sft"])
	testing.fires(control.deny, "/spec/filtering/safetyAlignment") with input as input1
}

test_deny_unknown_technique if {
	target := _with("/spec/filtering/safetyAlignment", ["vibes"])
	testing.fires(control.deny, "/spec/filtering/safetyAlignment") with input as target
}

test_deny_missing if {
	target := testing.aideployment_with([testing.remove_at("/spec/filtering/safetyAlignment")])
	testing.fires(control.deny, "/spec/filtering/safetyAlignment") with input as target
}
