package riskreg.isolation.sandbox_test

import data.riskreg.isolation.sandbox as control
import data.riskreg.lib.testing

test_pass_gvisor if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_sandbox if {
	target := testing.aideployment_with([testing.replace_at("/spec/isolation/sandbox", "none")])
	testing.fires(control.deny, "/spec/isolation/sandbox") with input as target
}

test_warn_plain_container if {
	target := testing.aideployment_with([testing.replace_at("/spec/isolation/sandbox", "container")])
	testing.fires(control.warn, "/spec/isolation/sandbox") with input as target
}

test_deny_host_access if {
	target := testing.aideployment_with([testing.replace_at("/spec/isolation/hostAccess", true)])
	testing.fires(control.deny, "/spec/isolation/hostAccess") with input as target
}
