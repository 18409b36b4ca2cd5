package riskreg.isolation.container_hardening_test

import data.riskreg.isolation.container_hardening as control
import data.riskreg.lib.testing

test_pass_hardened if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_writable_root if {
	op := testing.remove_at("/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem")
	target := testing.kubernetes_with("Deployment", [op])
	path := "/spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem"
	testing.fires(control.deny, path) with input as target
}

test_deny_escalation_in_init_container if {
	init := {
		"name": "setup",
		"image": "busybox@sha256:1111111111111111111111111111111111111111111111111111111111111111",
		"securityContext": {"readOnlyRootFilesystem": true},
	}
	op := testing.add_at("/spec/template/spec/initContainers", [init])
	target := testing.kubernetes_with("Deployment", [op])
	path := "/spec/template/spec/initContainers/0/securityContext/allowPrivilegeEscalation"
	testing.fires(control.deny, path) with input as target
}
