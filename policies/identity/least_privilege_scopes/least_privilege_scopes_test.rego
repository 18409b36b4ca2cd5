package riskreg.identity.least_privilege_scopes_test

import data.riskreg.identity.least_privilege_scopes as control
import data.riskreg.lib.testing

test_pass_bounded_scopes if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_missing_identity if {
	target := testing.aideployment_with([testing.remove_at("/spec/identity")])
	testing.fires(control.deny, "/spec/identity/serviceAccount") with input as target
}

test_deny_missing_scopes if {
	target := testing.aideployment_with([testing.remove_at("/spec/identity/scopes")])
	testing.fires(control.deny, "/spec/identity/scopes") with input as target
}

test_deny_wildcard_api_scope if {
	target := testing.aideployment_with([testing.replace_at("/spec/identity/scopes/api/1", "*")])
	testing.fires(control.deny, "/spec/identity/scopes/api/1") with input as target
}

test_deny_root_filesystem_write if {
	target := testing.aideployment_with([testing.replace_at("/spec/identity/scopes/filesystem/0/path", "/")])
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as target
}
