package riskreg.identity.service_account_token_test

import data.riskreg.identity.service_account_token as control
import data.riskreg.lib.testing

test_pass_token_not_mounted if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_pass_disabled_on_service_account_only if {
	op := testing.remove_at("/spec/template/spec/automountServiceAccountToken")
	count(control.deny) == 0 with input as testing.kubernetes_with("Deployment", [op])
}

test_deny_pod_mounts_token if {
	op := testing.replace_at("/spec/template/spec/automountServiceAccountToken", true)
	target := testing.kubernetes_with("Deployment", [op])
	testing.fires(control.deny, "/spec/template/spec/automountServiceAccountToken") with input as target
}

test_deny_default_mount if {
	op := testing.remove_at("/spec/template/spec/automountServiceAccountToken")
	deployment := json.patch(testing.kubernetes[1], [op])
	target := testing.target([deployment])
	testing.fires(control.deny, "/spec/template/spec/automountServiceAccountToken") with input as target
}
