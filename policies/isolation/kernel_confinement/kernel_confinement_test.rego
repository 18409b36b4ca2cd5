package riskreg.isolation.kernel_confinement_test

import data.riskreg.isolation.kernel_confinement as control
import data.riskreg.lib.testing

_pod := "/spec/template/spec/securityContext"

_c := "/spec/template/spec/containers/0/securityContext"

_with(operations) := testing.workload_with("Deployment", operations, [])

test_pass_runtime_default_seccomp if {
	count(control.deny) == 0 with input as _with([])
	count(control.checked) == 1 with input as _with([])
}

test_pass_localhost_seccomp if {
	profile := {"type": "Localhost", "localhostProfile": "agent.json"}
	op := testing.replace_at(concat("", [_pod, "/seccompProfile"]), profile)
	count(control.deny) == 0 with input as _with([op])
}

test_pass_container_level_seccomp_fills_the_pod_gap if {
	ops := [
		testing.remove_at(concat("", [_pod, "/seccompProfile"])),
		testing.add_at(concat("", [_c, "/seccompProfile"]), {"type": "RuntimeDefault"}),
	]
	count(control.deny) == 0 with input as _with(ops)
}

test_pass_allowed_selinux_apparmor_and_sysctls if {
	ops := [
		testing.add_at(concat("", [_pod, "/seLinuxOptions"]), {"type": "container_t", "level": "s0:c1,c2"}),
		testing.add_at(concat("", [_pod, "/appArmorProfile"]), {"type": "RuntimeDefault"}),
		testing.add_at(concat("", [_pod, "/sysctls"]), [{"name": "net.ipv4.ping_group_range", "value": "0 1"}]),
		testing.add_at(concat("", [_c, "/procMount"]), "Default"),
	]
	count(control.deny) == 0 with input as _with(ops)
}

test_deny_seccomp_unconfined_under_a_runtime_default_pod if {
	op := testing.add_at(concat("", [_c, "/seccompProfile"]), {"type": "Unconfined"})
	testing.fires(control.deny, concat("", [_c, "/seccompProfile/type"])) with input as _with([op])
}

test_deny_no_seccomp_profile if {
	op := testing.remove_at(concat("", [_pod, "/seccompProfile"]))
	testing.fires(control.deny, concat("", [_c, "/seccompProfile/type"])) with input as _with([op])
}

test_deny_seccomp_annotation_unconfined if {
	op := testing.add_at("/spec/template/metadata/annotations", {"seccomp.security.alpha.kubernetes.io/pod": "unconfined"})
	path := "/spec/template/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod"
	testing.fires(control.deny, path) with input as _with([op])
}

test_deny_apparmor_unconfined_field_and_annotation if {
	ops := [
		testing.add_at(concat("", [_c, "/appArmorProfile"]), {"type": "Unconfined"}),
		testing.add_at(
			"/spec/template/metadata/annotations",
			{"container.apparmor.security.beta.kubernetes.io/agent": "unconfined"},
		),
	]
	testing.fires(control.deny, concat("", [_c, "/appArmorProfile/type"])) with input as _with(ops)
	path := "/spec/template/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1agent"
	testing.fires(control.deny, path) with input as _with(ops)
}

test_deny_selinux_spc_t_and_custom_user if {
	ops := [
		testing.add_at(concat("", [_c, "/seLinuxOptions"]), {"type": "spc_t"}),
		testing.add_at(concat("", [_pod, "/seLinuxOptions"]), {"user": "system_u"}),
	]
	testing.fires(control.deny, concat("", [_c, "/seLinuxOptions/type"])) with input as _with(ops)
	testing.fires(control.deny, concat("", [_pod, "/seLinuxOptions/user"])) with input as _with(ops)
}

test_deny_proc_mount_unmasked if {
	ops := [
		testing.add_at("/spec/template/spec/hostUsers", false),
		testing.add_at(concat("", [_c, "/procMount"]), "Unmasked"),
	]
	testing.fires(control.deny, concat("", [_c, "/procMount"])) with input as _with(ops)
}

test_deny_unsafe_sysctls if {
	sysctls := [{"name": "kernel.msgmax", "value": "1"}, {"name": "net/core/somaxconn", "value": "1"}]
	op := testing.add_at(concat("", [_pod, "/sysctls"]), sysctls)
	testing.fires(control.deny, concat("", [_pod, "/sysctls/0/name"])) with input as _with([op])
	testing.fires(control.deny, concat("", [_pod, "/sysctls/1/name"])) with input as _with([op])
}
