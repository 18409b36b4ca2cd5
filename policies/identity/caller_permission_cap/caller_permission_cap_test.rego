package riskreg.identity.caller_permission_cap_test

import data.riskreg.identity.caller_permission_cap as control
import data.riskreg.lib.testing

_with(value) := testing.aideployment_with([testing.replace_at("/spec/identity/inheritCallerPermissions", value)])

test_pass_inherits_caller_permissions if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_own_authority if {
	testing.fires(control.deny, "/spec/identity/inheritCallerPermissions") with input as _with(false)
}

test_deny_true_as_a_string_or_number if {
	testing.fires(control.deny, "/spec/identity/inheritCallerPermissions") with input as _with("true")
	testing.fires(control.deny, "/spec/identity/inheritCallerPermissions") with input as _with(1)
}

test_deny_undeclared if {
	target := testing.aideployment_with([testing.remove_at("/spec/identity/inheritCallerPermissions")])
	testing.fires(control.deny, "/spec/identity/inheritCallerPermissions") with input as target
}
