package riskreg.isolation.container_hardening_test

import data.riskreg.isolation.container_hardening as control
import data.riskreg.lib.testing

_c := "/spec/template/spec/containers/0/securityContext"

_with(operations) := testing.workload_with("Deployment", operations, [])

_set(field, value) := testing.add_at(concat("/", [_c, field]), value)

test_pass_hardened if {
	count(control.deny) == 0 with input as _with([])
	count(control.checked) == 1 with input as _with([])
}

test_pass_net_bind_service if {
	count(control.deny) == 0 with input as _with([_set("capabilities", {"drop": ["ALL"], "add": ["NET_BIND_SERVICE"]})])
}

test_pass_container_level_run_as_non_root_fills_the_pod_gap if {
	ops := [testing.remove_at("/spec/template/spec/securityContext/runAsNonRoot"), _set("runAsNonRoot", true)]
	count(control.deny) == 0 with input as _with(ops)
}

test_deny_writable_root if {
	op := testing.remove_at(concat("", [_c, "/readOnlyRootFilesystem"]))
	testing.fires(control.deny, concat("", [_c, "/readOnlyRootFilesystem"])) with input as _with([op])
}

test_deny_escalation_in_init_container if {
	init := {
		"name": "setup",
		"image": "busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111",
		"securityContext": {"readOnlyRootFilesystem": true, "capabilities": {"drop": ["ALL"]}},
	}
	op := testing.add_at("/spec/template/spec/initContainers", [init])
	path := "/spec/template/spec/initContainers/0/securityContext/allowPrivilegeEscalation"
	testing.fires(control.deny, path) with input as _with([op])
}

test_deny_uid_zero_despite_run_as_non_root if {
	ops := [_set("runAsUser", 0), _set("runAsNonRoot", true)]
	testing.fires(control.deny, concat("", [_c, "/runAsUser"])) with input as _with(ops)
}

test_deny_container_overrides_pod_run_as_non_root if {
	testing.fires(control.deny, concat("", [_c, "/runAsNonRoot"])) with input as _with([_set("runAsNonRoot", false)])
}

test_deny_no_run_as_non_root_anywhere if {
	op := testing.remove_at("/spec/template/spec/securityContext/runAsNonRoot")
	testing.fires(control.deny, concat("", [_c, "/runAsNonRoot"])) with input as _with([op])
}

test_deny_capability_spellings if {
	every capability in ["sys_admin", "CAP_SYS_ADMIN", "NET_RAW", "net_bind_service"] {
		op := _set("capabilities", {"drop": ["ALL"], "add": [capability]})
		testing.fires(control.deny, concat("", [_c, "/capabilities/add/0"])) with input as _with([op])
	}
}

test_deny_drop_without_the_exact_all if {
	every drop in [["all"], ["NET_RAW"], []] {
		op := _set("capabilities", {"drop": drop})
		testing.fires(control.deny, concat("", [_c, "/capabilities/drop"])) with input as _with([op])
	}
}

test_pass_windows_pods_are_exempt_from_linux_only_fields if {
	windows := {
		"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "w", "namespace": "agents"},
		"spec": {
			"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true},
			"containers": [{"name": "c", "image": "i"}],
		},
	}
	count(control.deny) == 0 with input as testing.target([windows])
}
