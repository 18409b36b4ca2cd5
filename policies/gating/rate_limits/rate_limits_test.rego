package riskreg.gating.rate_limits_test

import data.riskreg.gating.rate_limits as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_per_user_and_tier_limits if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_limit_at_the_ceiling if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/gating/rateLimits/0/requestsPerMinute", 600),
		testing.replace_at("/spec/gating/rateLimits/0/tokensPerMinute", 1000000),
	])
	count(control.deny) == 0 with input as target
}

test_pass_a_limit_for_every_tier if {
	target := testing.aideployment_with([
		testing.remove_at("/spec/gating/rateLimits/0"),
		testing.add_at("/spec/gating/rateLimits/-", {"scope": "tier", "tier": "signed-in", "requestsPerMinute": 20}),
	])
	count(control.deny) == 0 with input as target
}

test_deny_no_rate_limits if {
	testing.fires(control.deny, "/spec/gating/rateLimits") with input as _with("/spec/gating/rateLimits", [])
}

test_deny_global_limit_only if {
	target := _with("/spec/gating/rateLimits", [{"scope": "global", "requestsPerMinute": 1000}])
	testing.fires(control.deny, "/spec/gating/rateLimits") with input as target
}

test_deny_tier_without_a_limit if {
	target := testing.aideployment_with([testing.remove_at("/spec/gating/rateLimits/0")])
	testing.fires(control.deny, "/spec/gating/trustTiers/0") with input as target
}

test_deny_limit_without_budget if {
	target := _with("/spec/gating/rateLimits/0", {"scope": "user"})
	testing.fires(control.deny, "/spec/gating/rateLimits/0") with input as target
}

test_deny_above_the_ceiling if {
	target := _with("/spec/gating/rateLimits/0/requestsPerMinute", 1000000000)
	testing.fires(control.deny, "/spec/gating/rateLimits/0/requestsPerMinute") with input as target
	tokens := testing.aideployment_with([testing.add_at("/spec/gating/rateLimits/1/tokensPerMinute", 5000001)])
	testing.fires(control.deny, "/spec/gating/rateLimits/1/tokensPerMinute") with input as tokens
}

test_deny_budget_as_a_string if {
	target := _with("/spec/gating/rateLimits/0/requestsPerMinute", "30")
	testing.fires(control.deny, "/spec/gating/rateLimits/0/requestsPerMinute") with input as target
}

test_deny_tier_limit_for_an_undeclared_tier if {
	target := _with("/spec/gating/rateLimits/1/tier", "Verified")
	testing.fires(control.deny, "/spec/gating/rateLimits/1/tier") with input as target
}
