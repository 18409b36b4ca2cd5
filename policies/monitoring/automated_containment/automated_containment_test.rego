package riskreg.monitoring.automated_containment_test

import data.riskreg.lib.testing
import data.riskreg.monitoring.automated_containment as control

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_automated_quarantine if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_automated_disconnect if {
	count(control.deny) == 0 with input as _with("/spec/monitoring/containment/action", "disconnect")
}

test_deny_no_containment if {
	target := testing.aideployment_with([testing.remove_at("/spec/monitoring/containment")])
	testing.fires(control.deny, "/spec/monitoring/containment/action") with input as target
	testing.fires(control.deny, "/spec/monitoring/containment/automated") with input as target
}

test_deny_containment_none if {
	input1 := _with("/spec/monitoring/containment/action", "none")
	testing.fires(control.deny, "/spec/monitoring/containment/action") with input as input1
}

test_deny_manual_containment if {
	input1 := _with("/spec/monitoring/containment/automated", false)
	testing.fires(control.deny, "/spec/monitoring/containment/automated") with input as input1
	target := _with("/spec/monitoring/containment/automated", "true")
	testing.fires(control.deny, "/spec/monitoring/containment/automated") with input as target
}

test_deny_nothing_triggers_containment if {
	target := _with("/spec/monitoring/anomalyDetection/enabled", false)
	testing.fires(control.deny, "/spec/monitoring/anomalyDetection/enabled") with input as target
	testing.fires(control.deny, "/spec/monitoring/enabled") with input as _with("/spec/monitoring/enabled", false)
}
