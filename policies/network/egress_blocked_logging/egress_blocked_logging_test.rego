package riskreg.network.egress_blocked_logging_test

import data.riskreg.lib.testing
import data.riskreg.network.egress_blocked_logging as control

test_pass_logged if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_not_logged if {
	target := testing.aideployment_with([testing.replace_at("/spec/egress/logBlocked", false)])
	testing.fires(control.deny, "/spec/egress/logBlocked") with input as target
}
