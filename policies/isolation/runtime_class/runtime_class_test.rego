package riskreg.isolation.runtime_class_test

import data.riskreg.isolation.runtime_class as control
import data.riskreg.lib.testing

test_pass_gvisor if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_default_runtime if {
	op := testing.remove_at("/spec/template/spec/runtimeClassName")
	target := testing.kubernetes_with("Deployment", [op])
	testing.fires(control.deny, "/spec/template/spec/runtimeClassName") with input as target
}
