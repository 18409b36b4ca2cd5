package riskreg.gating.rate_limits_test

import data.riskreg.gating.rate_limits as control
import data.riskreg.lib.testing

test_pass_per_user_limits if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_limits if {
	target := testing.aideployment_with([testing.replace_at("/spec/gating/rateLimits", [])])
	testing.fires(control.deny, "/spec/gating/rateLimits") with input as target
}

test_deny_only_global if {
	op := testing.replace_at("/spec/gating/rateLimits", [{"scope": "global", "requestsPerMinute": 1000}])
	target := testing.aideployment_with([op])
	testing.fires(control.deny, "/spec/gating/rateLimits") with input as target
}

test_deny_limit_without_budget if {
	target := testing.aideployment_with([testing.replace_at("/spec/gating/rateLimits/0", {"scope": "user"})])
	testing.fires(control.deny, "/spec/gating/rateLimits/0") with input as target
}
