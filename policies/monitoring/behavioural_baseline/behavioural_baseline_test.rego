package riskreg.monitoring.behavioural_baseline_test

import data.riskreg.lib.testing
import data.riskreg.monitoring.behavioural_baseline as control

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_baseline_with_anomaly_detection if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_baseline_at_the_maximum_age if {
	count(control.deny) == 0 with input as _with("/spec/monitoring/baseline/established", "2025-11-18")
}

test_deny_monitoring_disabled if {
	testing.fires(control.deny, "/spec/monitoring/enabled") with input as _with("/spec/monitoring/enabled", false)
	target := _with("/spec/monitoring/anomalyDetection/enabled", "true")
	testing.fires(control.deny, "/spec/monitoring/anomalyDetection/enabled") with input as target
}

test_deny_no_baseline if {
	target := testing.aideployment_with([testing.remove_at("/spec/monitoring/baseline")])
	testing.fires(control.deny, "/spec/monitoring/baseline/signals") with input as target
	testing.fires(control.deny, "/spec/monitoring/baseline/established") with input as target
}

test_deny_empty_signals if {
	input1 := _with("/spec/monitoring/baseline/signals", [])
	testing.fires(control.deny, "/spec/monitoring/baseline/signals") with input as input1
}

test_deny_baseline_in_the_future if {
	target := _with("/spec/monitoring/baseline/established", "2099-01-01")
	testing.fires(control.deny, "/spec/monitoring/baseline/established") with input as target
}

test_deny_stale_baseline if {
	target := _with("/spec/monitoring/baseline/established", "2025-11-17")
	testing.fires(control.deny, "/spec/monitoring/baseline/established") with input as target
}

test_deny_unknown_or_placeholder_engine if {
	input1 := _with("/spec/monitoring/anomalyDetection/engine", "noop")
	testing.fires(control.deny, "/spec/monitoring/anomalyDetection/engine") with input as input1
	target := testing.aideployment_with([testing.remove_at("/spec/monitoring/anomalyDetection/engine")])
	testing.fires(control.deny, "/spec/monitoring/anomalyDetection/engine") with input as target
}
