package riskreg.access.misuse_monitoring_test

import data.riskreg.access.misuse_monitoring as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_realtime if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_deny_unmonitored if {
	target := testing.aideployment_with([testing.remove_at("/spec/access/misuseMonitoring")])
	testing.fires(control.deny, "/spec/access/misuseMonitoring/enabled") with input as target
}

test_deny_batch_only if {
	input1 := _with("/spec/access/misuseMonitoring/realtime", false)
	testing.fires(control.deny, "/spec/access/misuseMonitoring/realtime") with input as input1
}

test_deny_realtime_as_a_string if {
	input1 := _with("/spec/access/misuseMonitoring/realtime", "yes")
	testing.fires(control.deny, "/spec/access/misuseMonitoring/realtime") with input as input1
}

test_deny_no_signals if {
	input1 := _with("/spec/access/misuseMonitoring/signals", [])
	testing.fires(control.deny, "/spec/access/misuseMonitoring/signals") with input as input1
}

test_deny_only_unknown_signals if {
	target := _with("/spec/access/misuseMonitoring/signals", ["none", "stuff"])
	testing.fires(control.deny, "/spec/access/misuseMonitoring/signals") with input as target
}

test_warn_unknown_signal_next_to_a_known_one if {
	target := _with("/spec/access/misuseMonitoring/signals", ["jailbreak", "vibes"])
	count(control.deny) == 0 with input as target
	testing.fires(control.warn, "/spec/access/misuseMonitoring/signals/1") with input as target
}

test_deny_monitoring_not_an_object if {
	input1 := _with("/spec/access/misuseMonitoring", ["enabled", "realtime"])
	testing.fires(control.deny, "/spec/access/misuseMonitoring/enabled") with input as input1
	testing.fires(control.deny, "/spec/access/misuseMonitoring/realtime") with input as input1
}
