package riskreg.monitoring.automated_containment_test

import data.riskreg.lib.testing
import data.riskreg.monitoring.automated_containment as control

test_pass_automated_quarantine if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_containment if {
	target := testing.aideployment_with([testing.replace_at("/spec/monitoring/containment/action", "none")])
	testing.fires(control.deny, "/spec/monitoring/containment/action") with input as target
}

test_deny_manual_containment if {
	target := testing.aideployment_with([testing.replace_at("/spec/monitoring/containment/automated", false)])
	testing.fires(control.deny, "/spec/monitoring/containment/automated") with input as target
}
