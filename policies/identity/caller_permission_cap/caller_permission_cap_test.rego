package riskreg.identity.caller_permission_cap_test

import data.riskreg.identity.caller_permission_cap as control
import data.riskreg.lib.testing

test_pass_inherits_caller_permissions if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_own_authority if {
	op := testing.replace_at("/spec/identity/inheritCallerPermissions", false)
	target := testing.aideployment_with([op])
	testing.fires(control.deny, "/spec/identity/inheritCallerPermissions") with input as target
}

test_deny_undeclared if {
	target := testing.aideployment_with([testing.remove_at("/spec/identity/inheritCallerPermissions")])
	testing.fires(control.deny, "/spec/identity/inheritCallerPermissions") with input as target
}
