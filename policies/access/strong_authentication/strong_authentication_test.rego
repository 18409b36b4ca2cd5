package riskreg.access.strong_authentication_test

import data.riskreg.access.strong_authentication as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_oidc_and_mfa_with_bounded_roles if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.checked) == 1 with input as testing.target([testing.aideployment])
}

test_pass_mtls_alone if {
	count(control.deny) == 0 with input as _with("/spec/access/authentication", ["mtls"])
}

test_deny_api_key_only if {
	input1 := _with("/spec/access/authentication", ["apiKey"])
	testing.fires(control.deny, "/spec/access/authentication/0") with input as input1
}

test_deny_anonymous if {
	input1 := _with("/spec/access/authentication/1", "none")
	testing.fires(control.deny, "/spec/access/authentication/1") with input as input1
}

test_deny_basic_next_to_mfa if {
	target := _with("/spec/access/authentication", ["mfa", "basic"])
	findings := control.deny with input as target
	{finding.path | some finding in findings} == {["spec", "access", "authentication", 1]}
}

test_deny_no_method if {
	testing.fires(control.deny, "/spec/access/authentication") with input as _with("/spec/access/authentication", [])
	testing.fires(control.deny, "/spec/access/authentication") with input as _with("/spec/access/authentication", "mfa")
}

test_deny_no_roles if {
	target := testing.aideployment_with([testing.remove_at("/spec/access/roles")])
	testing.fires(control.deny, "/spec/access/roles") with input as target
}

test_deny_wildcard_permissions if {
	input1 := _with("/spec/access/roles/0/permissions/0", "*")
	testing.fires(control.deny, "/spec/access/roles/0/permissions/0") with input as input1
	target := _with("/spec/access/roles/1/permissions/1", "agent:*")
	testing.fires(control.deny, "/spec/access/roles/1/permissions/1") with input as target
	input2 := _with("/spec/access/roles/1/permissions/1", "agent:all")
	testing.fires(control.deny, "/spec/access/roles/1/permissions/1") with input as input2
}
