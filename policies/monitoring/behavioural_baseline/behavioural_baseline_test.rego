package riskreg.monitoring.behavioural_baseline_test

import data.riskreg.lib.testing
import data.riskreg.monitoring.behavioural_baseline as control

test_pass_monitored if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_disabled if {
	target := testing.aideployment_with([testing.remove_at("/spec/monitoring")])
	testing.fires(control.deny, "/spec/monitoring/enabled") with input as target
}

test_deny_no_baseline if {
	target := testing.aideployment_with([testing.remove_at("/spec/monitoring/baseline")])
	testing.fires(control.deny, "/spec/monitoring/baseline") with input as target
}

test_deny_no_anomaly_detection if {
	op := testing.replace_at("/spec/monitoring/anomalyDetection/enabled", false)
	target := testing.aideployment_with([op])
	testing.fires(control.deny, "/spec/monitoring/anomalyDetection/enabled") with input as target
}
