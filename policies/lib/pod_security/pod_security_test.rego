package riskreg.lib.pod_security_test

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.testing

# A minimal Pod hardened to the restricted profile; tests loosen one field at a time.
_container := {
	"name": "c",
	"image": "registry.example.com/c@sha256:1111111111111111111111111111111111111111111111111111111111111111",
	"securityContext": {
		"allowPrivilegeEscalation": false,
		"readOnlyRootFilesystem": true,
		"capabilities": {"drop": ["ALL"]},
	},
}

_spec := {
	"securityContext": {"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
	"containers": [_container],
}

_pod(spec) := {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "n"}, "spec": spec}

_patched(operations) := json.patch(_spec, operations)

# The [family, JSON Pointer] pairs of the violations of a pod spec.
_found(spec) := _found_in([_pod(spec)])

_found_in(documents) := found if {
	# regal ignore:with-outside-test-context
	violations := pod_security.violations with input as testing.target(documents)
	found := {[v.family, result.pointer(v.path)] | some v in violations}
}

_set(path, value) := {"op": "add", "path": path, "value": value}

_c := "/spec/containers/0/securityContext"

test_pass_restricted_pod_has_no_violation if {
	_found(_spec) == set()
}

test_deny_host_namespaces_any_truthy_value if {
	found := _found(_patched([_set("/hostNetwork", true), _set("/hostPID", "yes"), _set("/hostIPC", false)]))
	found == {["host_namespaces", "/spec/hostNetwork"], ["host_namespaces", "/spec/hostPID"]}
}

test_deny_privileged_in_every_container_kind if {
	privileged := json.patch(_container, [_set("/securityContext/privileged", true)])
	found := _found(object.union(_spec, {"initContainers": [privileged], "ephemeralContainers": [privileged]}))
	found == {
		["privileged", "/spec/initContainers/0/securityContext/privileged"],
		["privileged", "/spec/ephemeralContainers/0/securityContext/privileged"],
	}
}

test_deny_host_path_and_volume_types if {
	volumes := [
		{"name": "a", "hostPath": {"path": "/"}},
		{"name": "b", "nfs": {"server": "s", "path": "/"}},
		{"name": "c"},
	]
	found := _found(object.union(_spec, {"volumes": volumes}))
	found == {
		["host_path", "/spec/volumes/0/hostPath"],
		["volume_types", "/spec/volumes/0/hostPath"],
		["volume_types", "/spec/volumes/1/nfs"],
	}
}

test_pass_restricted_volume_types if {
	volumes := [
		{"name": "a", "configMap": {"name": "x"}}, {"name": "b", "secret": {"secretName": "x"}},
		{"name": "c", "emptyDir": {}}, {"name": "d", "projected": {"sources": []}},
		{"name": "e", "downwardAPI": {"items": []}}, {"name": "f", "persistentVolumeClaim": {"claimName": "x"}},
		{"name": "g", "csi": {"driver": "x"}}, {"name": "h", "ephemeral": {"volumeClaimTemplate": {}}},
	]
	_found(object.union(_spec, {"volumes": volumes})) == set()
}

test_deny_claim_bound_to_host_volume_either_way if {
	spec := object.union(_spec, {"volumes": [
		{"name": "a", "persistentVolumeClaim": {"claimName": "by-volume-name"}},
		{"name": "b", "persistentVolumeClaim": {"claimName": "by-claim-ref"}},
		{"name": "c", "persistentVolumeClaim": {"claimName": "elsewhere"}},
	]})
	documents := [
		_pod(spec),
		{
			"kind": "PersistentVolumeClaim", "metadata": {"name": "by-volume-name", "namespace": "n"},
			"spec": {"volumeName": "disk"},
		},
		{"kind": "PersistentVolume", "metadata": {"name": "disk"}, "spec": {"local": {"path": "/mnt/disk"}}},
		{
			"kind": "PersistentVolume", "metadata": {"name": "root"},
			"spec": {"hostPath": {"path": "/"}, "claimRef": {"namespace": "n", "name": "by-claim-ref"}},
		},
		{
			"kind": "PersistentVolume", "metadata": {"name": "other"},
			"spec": {"hostPath": {"path": "/"}, "claimRef": {"namespace": "m", "name": "elsewhere"}},
		},
	]
	{v | some v in _found_in(documents); v[0] == "host_path"} == {
		["host_path", "/spec/volumes/0/persistentVolumeClaim/claimName"],
		["host_path", "/spec/volumes/1/persistentVolumeClaim/claimName"],
	}
}

test_deny_host_ports_but_not_zero if {
	ports := [{"containerPort": 80, "hostPort": 0}, {"containerPort": 81, "hostPort": 8081}, {"containerPort": 82}]
	found := _found(_patched([_set("/containers/0/ports", ports)]))
	found == {["host_ports", "/spec/containers/0/ports/1/hostPort"]}
}

test_pass_host_port_in_the_known_list if {
	spec := _patched([_set("/containers/0/ports", [{"containerPort": 81, "hostPort": 8081}])])
	_found(spec) == set() with data.riskreg_params.pod_security.allowed_host_ports as [8081]
}

test_deny_host_process_on_pod_and_container if {
	spec := _patched([
		_set("/securityContext/windowsOptions", {"hostProcess": true}),
		_set("/containers/0/securityContext/windowsOptions", {"hostProcess": true}),
	])
	found := _found(spec)
	found == {
		["host_process", "/spec/securityContext/windowsOptions/hostProcess"],
		["host_process", concat("", [_c, "/windowsOptions/hostProcess"])],
	}
}

test_deny_host_probes_and_hooks if {
	spec := _patched([
		_set("/containers/0/livenessProbe", {"httpGet": {"host": "10.0.0.1", "port": 80}}),
		_set("/containers/0/readinessProbe", {"tcpSocket": {"host": "", "port": 80}}),
		_set("/containers/0/lifecycle", {"preStop": {"httpGet": {"host": "node", "port": 80}}}),
	])
	_found(spec) == {
		["host_probes", "/spec/containers/0/livenessProbe/httpGet/host"],
		["host_probes", "/spec/containers/0/lifecycle/preStop/httpGet/host"],
	}
}

test_deny_capability_spellings_and_drop if {
	spec := _patched([_set("/containers/0/securityContext/capabilities", {
		"add": ["NET_BIND_SERVICE", "sys_admin", "CAP_NET_RAW", "CHOWN"],
		"drop": ["all"],
	})])
	_found(spec) == {
		["capabilities", concat("", [_c, "/capabilities/add/1"])],
		["capabilities", concat("", [_c, "/capabilities/add/2"])],
		["capabilities", concat("", [_c, "/capabilities/add/3"])],
		["capabilities", concat("", [_c, "/capabilities/drop"])],
	}
}

test_pass_capability_messages_name_what_the_runtime_reads if {
	spec := _patched([_set("/containers/0/securityContext/capabilities", {"add": ["cap_sys_admin"], "drop": ["ALL"]})])
	texts := {v.text | some v in pod_security.violations} with input as testing.target([_pod(spec)])
	some text in texts
	contains(text, "reads it as SYS_ADMIN")
	contains(text, "beyond even the baseline")
}

test_deny_missing_capabilities_drop if {
	_found(_patched([{"op": "remove", "path": "/containers/0/securityContext/capabilities"}])) == {[
		"capabilities",
		concat("", [_c, "/capabilities/drop"]),
	]}
}

test_deny_run_as_non_root_overrides_and_gaps if {
	spec := object.union(
		_patched([
			_set("/containers/0/securityContext/runAsNonRoot", false),
			{"op": "remove", "path": "/securityContext/runAsNonRoot"},
		]),
		{"initContainers": [_container]},
	)
	_found(spec) == {
		["run_as_non_root", concat("", [_c, "/runAsNonRoot"])],
		["run_as_non_root", "/spec/initContainers/0/securityContext/runAsNonRoot"],
	}
}

test_deny_pod_level_false_even_when_containers_say_true if {
	spec := _patched([
		_set("/securityContext/runAsNonRoot", false),
		_set("/containers/0/securityContext/runAsNonRoot", true),
	])
	_found(spec) == {["run_as_non_root", "/spec/securityContext/runAsNonRoot"]}
}

test_pass_container_level_run_as_non_root_fills_the_pod_gap if {
	spec := _patched([
		{"op": "remove", "path": "/securityContext/runAsNonRoot"},
		_set("/containers/0/securityContext/runAsNonRoot", true),
	])
	_found(spec) == set()
}

test_deny_run_as_user_zero_anywhere if {
	spec := _patched([_set("/securityContext/runAsUser", 0), _set("/containers/0/securityContext/runAsUser", 0)])
	_found(spec) == {
		["run_as_user", "/spec/securityContext/runAsUser"],
		["run_as_user", concat("", [_c, "/runAsUser"])],
	}
}

test_deny_seccomp_unconfined_override_and_gap if {
	spec := object.union(
		_patched([_set("/containers/0/securityContext/seccompProfile", {"type": "Unconfined"})]),
		{"initContainers": [_container]},
	)
	_found(spec) == {["seccomp", concat("", [_c, "/seccompProfile/type"])]}
	gap := json.patch(spec, [{"op": "remove", "path": "/securityContext/seccompProfile"}])
	_found(gap) == {
		["seccomp", concat("", [_c, "/seccompProfile/type"])],
		["seccomp", "/spec/initContainers/0/securityContext/seccompProfile/type"],
	}
}

test_pass_localhost_seccomp_and_container_level_profiles if {
	localhost := _patched([_set("/securityContext/seccompProfile", {"type": "Localhost", "localhostProfile": "p.json"})])
	_found(localhost) == set()
	per_container := _patched([
		{"op": "remove", "path": "/securityContext/seccompProfile"},
		_set("/containers/0/securityContext/seccompProfile", {"type": "RuntimeDefault"}),
	])
	_found(per_container) == set()
}

test_deny_apparmor_fields_and_annotations if {
	spec := _patched([
		_set("/securityContext/appArmorProfile", {"type": "RuntimeDefault"}),
		_set("/containers/0/securityContext/appArmorProfile", {"type": "Unconfined"}),
	])
	annotations := {
		"container.apparmor.security.beta.kubernetes.io/c": "unconfined",
		"container.apparmor.security.beta.kubernetes.io/d": "localhost/k8s-agent",
		"container.apparmor.security.beta.kubernetes.io/e": "runtime/default",
	}
	pod := json.patch(_pod(spec), [_set("/metadata/annotations", annotations)])
	_found_in([pod]) == {
		["apparmor", concat("", [_c, "/appArmorProfile/type"])],
		["apparmor", "/metadata/annotations/container.apparmor.security.beta.kubernetes.io~1c"],
	}
}

test_deny_seccomp_annotation_asking_for_unconfined if {
	annotations := {
		"seccomp.security.alpha.kubernetes.io/pod": "Unconfined",
		"container.seccomp.security.alpha.kubernetes.io/c": "runtime/default",
	}
	pod := json.patch(_pod(_spec), [_set("/metadata/annotations", annotations)])
	_found_in([pod]) == {["seccomp", "/metadata/annotations/seccomp.security.alpha.kubernetes.io~1pod"]}
}

test_deny_selinux_type_user_role if {
	spec := _patched([
		_set("/securityContext/seLinuxOptions", {"type": "container_t", "user": "system_u", "level": "s0:c1,c2"}),
		_set("/containers/0/securityContext/seLinuxOptions", {"type": "spc_t", "role": "system_r"}),
	])
	_found(spec) == {
		["selinux", "/spec/securityContext/seLinuxOptions/user"],
		["selinux", concat("", [_c, "/seLinuxOptions/type"])],
		["selinux", concat("", [_c, "/seLinuxOptions/role"])],
	}
}

test_deny_proc_mount_unmasked_even_in_a_user_namespace if {
	spec := _patched([_set("/hostUsers", false), _set("/containers/0/securityContext/procMount", "Unmasked")])
	_found(spec) == {["proc_mount", concat("", [_c, "/procMount"])]}
	_found(_patched([_set("/containers/0/securityContext/procMount", "Default")])) == set()
}

test_deny_unsafe_sysctls_in_either_spelling if {
	sysctls := [
		{"name": "net.ipv4.tcp_syncookies", "value": "1"},
		{"name": "net/ipv4/ip_local_port_range", "value": "1024 65000"},
		{"name": "kernel.msgmax", "value": "1"},
		{"name": "net/core/somaxconn", "value": "1"},
		{"value": "1"},
	]
	_found(_patched([_set("/securityContext/sysctls", sysctls)])) == {
		["sysctls", "/spec/securityContext/sysctls/2/name"],
		["sysctls", "/spec/securityContext/sysctls/3/name"],
		["sysctls", "/spec/securityContext/sysctls/4/name"],
	}
}

test_deny_explicit_privilege_escalation if {
	_found(_patched([_set("/containers/0/securityContext/allowPrivilegeEscalation", true)])) == {[
		"privilege_escalation",
		concat("", [_c, "/allowPrivilegeEscalation"]),
	]}
}

test_deny_escalation_and_writable_root_unless_false_and_true if {
	spec := _patched([
		{"op": "remove", "path": "/containers/0/securityContext/allowPrivilegeEscalation"},
		_set("/containers/0/securityContext/readOnlyRootFilesystem", "true"),
	])
	_found(spec) == {
		["privilege_escalation", concat("", [_c, "/allowPrivilegeEscalation"])],
		["read_only_root_filesystem", concat("", [_c, "/readOnlyRootFilesystem"])],
	}
}

test_pass_windows_pods_are_exempt_from_linux_only_fields if {
	windows := {
		"os": {"name": "windows"},
		"securityContext": {"runAsNonRoot": true},
		"containers": [{"name": "c", "image": "i"}],
	}
	_found(windows) == set()
}

test_pass_odd_shapes_do_not_break_evaluation if {
	odd := {
		"securityContext": "none",
		"volumes": ["x", {"name": "v", "hostPath": null}],
		"containers": [{"name": "c", "securityContext": {"capabilities": "ALL"}, "ports": ["80"]}, "x"],
	}
	count(_found(odd)) > 0
}

test_deny_kserve_serving_container if {
	isvc := {
		"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService", "metadata": {"name": "m", "namespace": "n"},
		"spec": {"predictor": object.union(_spec, {"containers": [], "model": {"securityContext": {"privileged": true}}})},
	}
	["privileged", "/spec/predictor/model/securityContext/privileged"] in _found_in([isvc])
}
