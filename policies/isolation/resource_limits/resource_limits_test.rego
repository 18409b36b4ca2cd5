package riskreg.isolation.resource_limits_test

import data.riskreg.isolation.resource_limits as control
import data.riskreg.lib.testing

_r := "/spec/template/spec/containers/0/resources"

_with(operations, extra) := testing.workload_with("Deployment", operations, extra)

test_pass_limited if {
	count(control.deny) == 0 with input as _with([], [])
	count(control.checked) == 1 with input as _with([], [])
}

test_pass_limit_range_default_in_the_namespace if {
	limit_range := {
		"kind": "LimitRange", "metadata": {"name": "defaults", "namespace": "agents"},
		"spec": {"limits": [{"type": "Container", "default": {"cpu": "1", "memory": "1Gi"}}]},
	}
	count(control.deny) == 0 with input as _with([testing.remove_at(_r)], [limit_range])
}

test_pass_gpu_request_equal_to_its_limit if {
	ops := [
		testing.add_at(concat("", [_r, "/requests/nvidia.com~1gpu"]), 1),
		testing.add_at(concat("", [_r, "/limits/nvidia.com~1gpu"]), "1"),
	]
	count(control.deny) == 0 with input as _with(ops, [])
}

test_deny_missing_memory_limit if {
	op := testing.remove_at(concat("", [_r, "/limits/memory"]))
	testing.fires(control.deny, concat("", [_r, "/limits/memory"])) with input as _with([op], [])
}

test_deny_zero_limit if {
	op := testing.replace_at(concat("", [_r, "/limits/cpu"]), "0")
	testing.fires(control.deny, concat("", [_r, "/limits/cpu"])) with input as _with([op], [])
}

test_deny_unreadable_quantity_is_undetermined if {
	op := testing.replace_at(concat("", [_r, "/limits/cpu"]), "2 cores")
	findings := control.deny with input as _with([op], [])
	testing.fires(findings, concat("", [_r, "/limits/cpu"]))
	every finding in findings {
		finding.undetermined
	}
}

test_deny_gpu_request_without_limit if {
	op := testing.add_at(concat("", [_r, "/requests/nvidia.com~1gpu"]), 2)
	testing.fires(control.deny, concat("", [_r, "/limits/nvidia.com~1gpu"])) with input as _with([op], [])
}

test_deny_unbounded_init_container if {
	op := testing.add_at("/spec/template/spec/initContainers", [{"name": "init", "image": "i"}])
	testing.fires(control.deny, "/spec/template/spec/initContainers/0/resources/limits/cpu") with input as _with([op], [])
}
