package riskreg.gating.progressive_trust_test

import data.riskreg.gating.progressive_trust as control
import data.riskreg.lib.testing

test_pass_verified_tiers if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_tiers if {
	target := testing.aideployment_with([testing.remove_at("/spec/gating/trustTiers")])
	testing.fires(control.deny, "/spec/gating/trustTiers") with input as target
}

test_deny_unverified_high_impact_tier if {
	op := testing.replace_at("/spec/gating/trustTiers/1/requiresIdentityVerification", false)
	target := testing.aideployment_with([op])
	testing.fires(control.deny, "/spec/gating/trustTiers/1") with input as target
}

test_deny_refusal_not_context_aware if {
	op := testing.replace_at("/spec/gating/refusalPolicy/contextAware", false)
	target := testing.aideployment_with([op])
	testing.fires(control.deny, "/spec/gating/refusalPolicy") with input as target
}

test_warn_no_refusal_categories if {
	target := testing.aideployment_with([testing.replace_at("/spec/gating/refusalPolicy/categories", [])])
	testing.fires(control.warn, "/spec/gating/refusalPolicy/categories") with input as target
}
