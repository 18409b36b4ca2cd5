package riskreg.isolation.host_namespaces_test

import data.riskreg.isolation.host_namespaces as control
import data.riskreg.lib.testing

_spec := "/spec/template/spec"

_with(operations) := testing.workload_with("Deployment", operations, [])

_pod_spec := json.patch(testing.kubernetes[1].spec.template.spec, [])

test_pass_isolated_pods if {
	count(control.deny) == 0 with input as _with([])
	count(control.checked) == 1 with input as _with([])
}

test_pass_explicit_false_and_port_zero if {
	ops := [
		testing.add_at("/spec/template/spec/hostNetwork", false),
		testing.add_at("/spec/template/spec/hostPID", false),
		testing.add_at("/spec/template/spec/containers/0/ports/0/hostPort", 0),
		testing.add_at("/spec/template/spec/containers/0/livenessProbe", {"httpGet": {"path": "/", "port": 8080}}),
	]
	count(control.deny) == 0 with input as _with(ops)
}

test_deny_host_network if {
	op := testing.add_at("/spec/template/spec/hostNetwork", true)
	testing.fires(control.deny, concat("", [_spec, "/hostNetwork"])) with input as _with([op])
}

test_deny_host_path if {
	op := testing.replace_at("/spec/template/spec/volumes/0", {"name": "docker", "hostPath": {"path": "/var/run"}})
	testing.fires(control.deny, concat("", [_spec, "/volumes/0/hostPath"])) with input as _with([op])
}

test_deny_privileged_spelled_as_a_string if {
	op := testing.replace_at("/spec/template/spec/containers/0/securityContext/privileged", "true")
	testing.fires(control.deny, concat("", [_spec, "/containers/0/securityContext/privileged"])) with input as _with([op])
}

test_deny_privileged_init_container if {
	init := json.patch(_pod_spec.containers[0], [testing.replace_at("/securityContext/privileged", true)])
	op := testing.add_at("/spec/template/spec/initContainers", [init])
	path := concat("", [_spec, "/initContainers/0/securityContext/privileged"])
	testing.fires(control.deny, path) with input as _with([op])
}

test_deny_host_port if {
	op := testing.add_at("/spec/template/spec/containers/0/ports/0/hostPort", 8080)
	testing.fires(control.deny, concat("", [_spec, "/containers/0/ports/0/hostPort"])) with input as _with([op])
}

test_deny_host_process if {
	op := testing.add_at("/spec/template/spec/securityContext/windowsOptions", {"hostProcess": true})
	path := concat("", [_spec, "/securityContext/windowsOptions/hostProcess"])
	testing.fires(control.deny, path) with input as _with([op])
}

test_deny_probe_aimed_at_a_host if {
	probe := {"httpGet": {"host": "169.254.169.254", "path": "/", "port": 80}}
	op := testing.add_at("/spec/template/spec/containers/0/readinessProbe", probe)
	testing.fires(control.deny, concat("", [_spec, "/containers/0/readinessProbe/httpGet/host"])) with input as _with([op])
}

test_deny_other_kinds_found_by_shape if {
	cron := {
		"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c", "namespace": "agents"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": object.union(_pod_spec, {"hostPID": true})}}}},
	}
	rollout := {
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "r", "namespace": "agents"},
		"spec": {"template": {"spec": object.union(_pod_spec, {"hostNetwork": true})}},
	}
	target := testing.target([cron, rollout, testing.runtime_class])
	testing.fires(control.deny, "/spec/jobTemplate/spec/template/spec/hostPID") with input as target
	testing.fires(control.deny, "/spec/template/spec/hostNetwork") with input as target
}

test_deny_kserve_predictor if {
	isvc := {
		"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
		"metadata": {"name": "m", "namespace": "agents"},
		"spec": {"predictor": {
			"hostNetwork": true,
			"volumes": [{"name": "root", "hostPath": {"path": "/"}}],
			"model": {"securityContext": {"privileged": true}},
		}},
	}
	target := testing.target([isvc])
	testing.fires(control.deny, "/spec/predictor/hostNetwork") with input as target
	testing.fires(control.deny, "/spec/predictor/volumes/0/hostPath") with input as target
	testing.fires(control.deny, "/spec/predictor/model/securityContext/privileged") with input as target
}

test_deny_claim_bound_to_a_host_path_volume if {
	claim := {"name": "m", "persistentVolumeClaim": {"claimName": "models"}}
	op := testing.replace_at("/spec/template/spec/volumes/0", claim)
	pv := {
		"kind": "PersistentVolume", "metadata": {"name": "node"},
		"spec": {"hostPath": {"path": "/var/lib"}, "claimRef": {"namespace": "agents", "name": "models"}},
	}
	target := testing.workload_with("Deployment", [op], [pv])
	testing.fires(control.deny, concat("", [_spec, "/volumes/0/persistentVolumeClaim/claimName"])) with input as target
}
