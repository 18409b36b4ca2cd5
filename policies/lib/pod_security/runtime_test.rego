package riskreg.lib.pod_security_runtime_test

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.testing

_pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "n"}, "spec": spec}

_class(name, handler) := {
	"apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass",
	"metadata": {"name": name}, "handler": handler,
}

_runtime(documents) := runtime if {
	# regal ignore:with-outside-test-context
	runtimes := pod_security.runtimes with input as testing.target(documents)
	some runtime in runtimes
}

test_pass_handlers_decide_the_family if {
	pod := _pod({"runtimeClassName": "x", "containers": [{"name": "c"}]})
	_runtime([pod, _class("x", "runsc")]).families == {"gvisor"}
	_runtime([pod, _class("x", "kata-fc")]).families == {"kata", "firecracker"}
	_runtime([pod, _class("x", "runsc-kvm")]).state == "sandboxed"
}

test_deny_states_without_evidence if {
	named := _pod({"runtimeClassName": "gvisor", "containers": [{"name": "c"}]})
	_runtime([named]).state == "missing"
	_runtime([named, _class("gvisor", "runc")]).state == "unsandboxed"
	_runtime([_pod({"containers": [{"name": "c"}]})]).state == "none"
	_runtime([_pod({"runtimeClassName": "", "containers": [{"name": "c"}]})]).state == "none"
}

test_deny_one_unsandboxed_class_of_a_name_is_enough if {
	pod := _pod({"runtimeClassName": "gvisor", "containers": [{"name": "c"}]})
	runtime := _runtime([pod, _class("gvisor", "runsc"), _class("gvisor", "runc")])
	runtime.state == "unsandboxed"
	runtime.families == set()
	runtime.handlers == {"runsc", "runc"}
}

_tokens(documents) := {[t.undetermined, result.pointer(t.path)] | some t in found} if {
	# regal ignore:with-outside-test-context
	found := pod_security.api_tokens with input as testing.target(documents)
}

_account(automount) := object.union(
	{"kind": "ServiceAccount", "metadata": {"name": "default", "namespace": "n"}},
	{"automountServiceAccountToken": automount},
)

test_deny_token_by_pod_field_or_service_account if {
	mounted := _pod({"automountServiceAccountToken": true, "containers": []})
	_tokens([mounted]) == {[false, "/spec/automountServiceAccountToken"]}
	_tokens([_pod({"containers": []}), _account(true)]) == {[false, "/spec/automountServiceAccountToken"]}
	_tokens([_pod({"containers": []})]) == {[true, "/spec/automountServiceAccountToken"]}
}

test_pass_opt_out_on_pod_or_service_account if {
	_tokens([_pod({"automountServiceAccountToken": false, "containers": []})]) == set()
	_tokens([_pod({"containers": []}), _account(false)]) == set()
}

test_deny_projected_api_token_even_with_automount_off if {
	volumes := [
		{"name": "a", "projected": {"sources": [{"serviceAccountToken": {"path": "t"}}]}},
		{"name": "b", "projected": {"sources": [{"serviceAccountToken": {"path": "t", "audience": "vault"}}]}},
		{"name": "c", "projected": {"sources": [{"serviceAccountToken": {
			"path": "t",
			"audience": "https://kubernetes.default.svc",
		}}]}},
	]
	pod := _pod({"automountServiceAccountToken": false, "volumes": volumes, "containers": []})
	_tokens([pod]) == {
		[false, "/spec/volumes/0/projected/sources/0/serviceAccountToken"],
		[false, "/spec/volumes/2/projected/sources/0/serviceAccountToken"],
	}
}

test_deny_token_secret_volumes if {
	secret := {
		"kind": "Secret", "type": "kubernetes.io/service-account-token",
		"metadata": {"name": "tok", "namespace": "n"},
	}
	other := {"kind": "Secret", "type": "Opaque", "metadata": {"name": "plain", "namespace": "n"}}
	volumes := [
		{"name": "a", "secret": {"secretName": "tok"}},
		{"name": "b", "secret": {"secretName": "plain"}},
		{"name": "c", "projected": {"sources": [{"secret": {"name": "tok"}}]}},
	]
	pod := _pod({"automountServiceAccountToken": false, "volumes": volumes, "containers": []})
	_tokens([pod, secret, other]) == {
		[false, "/spec/volumes/0/secret/secretName"],
		[false, "/spec/volumes/2/projected/sources/0/secret/name"],
	}
}

# A RuntimeClass without a name is the class "" a pod naming none also has: both runtimes are kept.
test_pass_a_nameless_class_stands_beside_the_default_runtime if {
	pod := _pod({"containers": [{"name": "c"}]})
	nameless := {"apiVersion": "node.k8s.io/v1", "kind": "RuntimeClass", "handler": "runsc"}

	# regal ignore:with-outside-test-context
	runtimes := pod_security.runtimes with input as testing.target([pod, nameless])
	{runtime.state | some runtime in runtimes} == {"none", "sandboxed"}
}

test_pass_a_null_class_name_is_the_default_runtime if {
	pod := _pod({"runtimeClassName": null, "containers": [{"name": "c"}]})
	_runtime([pod, _class("null", "runsc")]).state == "none"
}
