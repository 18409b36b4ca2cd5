package riskreg.isolation.runtime_class_test

import data.riskreg.isolation.runtime_class as control
import data.riskreg.lib.testing

_path := "/spec/template/spec/runtimeClassName"

test_pass_gvisor_by_its_handler if {
	count(control.deny) == 0 with input as testing.workload_with("Deployment", [], [])
	count(control.checked) == 1 with input as testing.workload_with("Deployment", [], [])
}

test_pass_any_name_with_a_sandbox_handler if {
	op := testing.replace_at(_path, "confidential")
	kata := {"kind": "RuntimeClass", "metadata": {"name": "confidential"}, "handler": "kata-qemu"}
	count(control.deny) == 0 with input as testing.workload_with("Deployment", [op], [kata])
}

test_pass_runtime_class_from_the_context if {
	documents := [doc | some doc in testing.kubernetes]
	context := {"context": [{"path": "cluster/runtimeclass.yaml", "contents": testing.runtime_class}]}
	shaped := object.union(testing.target(documents), context)
	count(control.deny) == 0 with input as shaped
}

test_deny_default_runtime if {
	target := testing.workload_with("Deployment", [testing.remove_at(_path)], [])
	testing.fires(control.deny, _path) with input as target
}

test_deny_spoofed_name_whose_handler_is_runc if {
	spoof := json.patch(testing.runtime_class, [testing.replace_at("/handler", "runc")])
	target := testing.target(array.concat(testing.kubernetes, [spoof]))
	findings := control.deny with input as target
	testing.fires(findings, _path)
	some finding in findings
	contains(finding.msg, "handler runc is not a sandbox")
}

test_deny_one_of_two_same_named_classes_is_not_a_sandbox if {
	spoof := json.patch(testing.runtime_class, [testing.replace_at("/handler", "runc")])
	context := {"context": [{"path": "c.yaml", "contents": spoof}]}
	shaped := object.union(testing.workload_with("Deployment", [], []), context)
	testing.fires(control.deny, _path) with input as shaped
}

test_deny_missing_runtime_class_is_undetermined if {
	target := testing.target(testing.kubernetes)
	findings := control.deny with input as target
	testing.fires(findings, _path)
	every finding in findings {
		finding.undetermined
		contains(finding.msg, "cannot determine")
		contains(finding.msg, "RuntimeClass gvisor")
	}
}

test_pass_nothing_checked_without_workloads if {
	count(control.checked) == 0 with input as testing.target([testing.runtime_class])
}
