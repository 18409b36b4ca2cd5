package riskreg.access.strong_authentication_test

import data.riskreg.access.strong_authentication as control
import data.riskreg.lib.testing

test_pass_oidc_with_roles if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_api_key_only if {
	target := testing.aideployment_with([testing.replace_at("/spec/access/authentication", ["apiKey"])])
	testing.fires(control.deny, "/spec/access/authentication") with input as target
}

test_deny_anonymous if {
	target := testing.aideployment_with([testing.replace_at("/spec/access/authentication/1", "none")])
	testing.fires(control.deny, "/spec/access/authentication/1") with input as target
}

test_deny_no_roles if {
	target := testing.aideployment_with([testing.remove_at("/spec/access/roles")])
	testing.fires(control.deny, "/spec/access/roles") with input as target
}
