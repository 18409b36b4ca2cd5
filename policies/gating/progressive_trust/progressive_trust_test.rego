package riskreg.gating.progressive_trust_test

import data.riskreg.gating.progressive_trust as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_verified_high_impact_tier if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_pass_unverified_tier_with_low_impact_capabilities if {
	input1 := _with("/spec/gating/trustTiers/0/capabilities", ["search", "chat", "summarise"])
	count(control.deny) == 0 with input as input1
}

test_deny_no_verified_tier if {
	target := _with("/spec/gating/trustTiers/1/requiresIdentityVerification", false)
	testing.fires(control.deny, "/spec/gating/trustTiers") with input as target
	testing.fires(control.deny, "/spec/gating/trustTiers/1/requiresIdentityVerification") with input as target
}

test_deny_verification_as_a_string if {
	target := _with("/spec/gating/trustTiers/1/requiresIdentityVerification", "true")
	testing.fires(control.deny, "/spec/gating/trustTiers/1/requiresIdentityVerification") with input as target
	testing.fires(control.deny, "/spec/gating/trustTiers/1/capabilities/1") with input as target
}

test_deny_catalogued_capability_despite_the_tier_flag if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/gating/trustTiers/0/capabilities", ["search", "code-execution", "Payments"]),
		testing.add_at("/spec/gating/trustTiers/0/highImpact", false),
	])
	testing.fires(control.deny, "/spec/gating/trustTiers/0/capabilities/1") with input as target
	testing.fires(control.deny, "/spec/gating/trustTiers/0/capabilities/2") with input as target
}

test_deny_wildcard_and_glob_capabilities if {
	input1 := _with("/spec/gating/trustTiers/0/capabilities", ["*"])
	testing.fires(control.deny, "/spec/gating/trustTiers/0/capabilities/0") with input as input1
	input2 := _with("/spec/gating/trustTiers/0/capabilities", ["code-*"])
	testing.fires(control.deny, "/spec/gating/trustTiers/0/capabilities/0") with input as input2
}

test_deny_no_refusal_policy if {
	target := testing.aideployment_with([testing.remove_at("/spec/gating/refusalPolicy")])
	testing.fires(control.deny, "/spec/gating/refusalPolicy") with input as target
}

test_warn_no_categories if {
	target := testing.aideployment_with([testing.remove_at("/spec/gating/refusalPolicy/categories")])
	testing.fires(control.warn, "/spec/gating/refusalPolicy/categories") with input as target
}

test_deny_catalogued_capability_in_another_spelling if {
	every spelling in ["Code_Execution", "code execution", "CODE.EXECUTION"] {
		target := _with("/spec/gating/trustTiers/0/capabilities", [spelling])
		testing.fires(control.deny, "/spec/gating/trustTiers/0/capabilities/0") with input as target
	}
}
