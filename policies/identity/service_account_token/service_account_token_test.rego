package riskreg.identity.service_account_token_test

import data.riskreg.identity.service_account_token as control
import data.riskreg.lib.testing

_automount := "/spec/template/spec/automountServiceAccountToken"

_with(operations, extra) := testing.workload_with("Deployment", operations, extra)

test_pass_token_not_mounted if {
	count(control.deny) == 0 with input as _with([], [])
	count(control.checked) == 1 with input as _with([], [])
}

test_pass_disabled_on_service_account_only if {
	count(control.deny) == 0 with input as _with([testing.remove_at(_automount)], [])
}

test_pass_service_account_from_the_context if {
	documents := [doc | some doc in testing.kubernetes; doc.kind != "ServiceAccount"]
	deployment := json.patch(testing.kubernetes[1], [testing.remove_at(_automount)])
	shaped := object.union(
		testing.target(array.concat([deployment], [doc | some doc in documents; doc.kind != "Deployment"])),
		{"context": [{"path": "cluster/sa.yaml", "contents": testing.kubernetes[0]}]},
	)
	count(control.deny) == 0 with input as shaped
}

test_pass_audience_bound_projected_token if {
	volume := {"name": "vault", "projected": {"sources": [{"serviceAccountToken": {"path": "t", "audience": "vault"}}]}}
	count(control.deny) == 0 with input as _with([testing.add_at("/spec/template/spec/volumes/1", volume)], [])
}

test_deny_pod_mounts_token if {
	testing.fires(control.deny, _automount) with input as _with([testing.replace_at(_automount, true)], [])
}

test_deny_default_mount if {
	account := json.patch(testing.kubernetes[0], [testing.remove_at("/automountServiceAccountToken")])
	deployment := json.patch(testing.kubernetes[1], [testing.remove_at(_automount)])
	target := testing.target([account, deployment, testing.runtime_class])
	testing.fires(control.deny, _automount) with input as target
}

test_deny_missing_service_account_is_undetermined if {
	deployment := json.patch(testing.kubernetes[1], [testing.remove_at(_automount)])
	findings := control.deny with input as testing.target([deployment])
	testing.fires(findings, _automount)
	every finding in findings {
		finding.undetermined
		contains(finding.msg, "ServiceAccount agents/browsing-agent")
	}
}

test_deny_projected_token_with_automount_off if {
	volume := {"name": "api", "projected": {"sources": [{"serviceAccountToken": {"path": "token"}}]}}
	target := _with([testing.add_at("/spec/template/spec/volumes/1", volume)], [])
	path := "/spec/template/spec/volumes/1/projected/sources/0/serviceAccountToken"
	testing.fires(control.deny, path) with input as target
}

test_deny_token_secret_volume if {
	secret := {
		"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
		"metadata": {"name": "token", "namespace": "agents"},
	}
	volume := {"name": "api", "secret": {"secretName": "token"}}
	target := _with([testing.add_at("/spec/template/spec/volumes/1", volume)], [secret])
	testing.fires(control.deny, "/spec/template/spec/volumes/1/secret/secretName") with input as target
}
