package riskreg.access.misuse_monitoring_test

import data.riskreg.access.misuse_monitoring as control
import data.riskreg.lib.testing

test_pass_realtime if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_unmonitored if {
	target := testing.aideployment_with([testing.remove_at("/spec/access/misuseMonitoring")])
	testing.fires(control.deny, "/spec/access/misuseMonitoring/enabled") with input as target
}

test_deny_batch_only if {
	target := testing.aideployment_with([testing.replace_at("/spec/access/misuseMonitoring/realtime", false)])
	testing.fires(control.deny, "/spec/access/misuseMonitoring/realtime") with input as target
}
