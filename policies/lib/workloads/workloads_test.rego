package riskreg.lib.workloads_test

import data.riskreg.lib.testing
import data.riskreg.lib.workloads

_pod_spec := {"containers": [{"name": "c", "image": "i"}], "initContainers": [{"name": "i", "image": "i"}]}

test_pass_builtin_kinds_by_shape if {
	docs := [
		{"kind": "Pod", "metadata": {"name": "p"}, "spec": _pod_spec},
		{"kind": "ReplicationController", "metadata": {"name": "rc"}, "spec": {"template": {"spec": _pod_spec}}},
		{"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"jobTemplate": {"spec": {"template": {"spec": _pod_spec}}}}},
		{"kind": "PodTemplate", "metadata": {"name": "pt"}, "template": {"spec": _pod_spec}},
	]
	found := {[w.kind, w.path, w.labels_path] | some w in workloads.pod_specs} with input as testing.target(docs)
	found == {
		["Pod", ["spec"], ["metadata", "labels"]],
		["ReplicationController", ["spec", "template", "spec"], ["spec", "template", "metadata", "labels"]],
		[
			"CronJob", ["spec", "jobTemplate", "spec", "template", "spec"],
			["spec", "jobTemplate", "spec", "template", "metadata", "labels"],
		],
		["PodTemplate", ["template", "spec"], ["template", "metadata", "labels"]],
	}
}

test_pass_custom_resources_by_shape if {
	rollout := {
		"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "r", "namespace": "ml"},
		"spec": {"template": {"metadata": {"labels": {"app": "r"}}, "spec": object.union(_pod_spec, {"hostNetwork": true})}},
	}
	ray := {
		"apiVersion": "ray.io/v1", "kind": "RayCluster", "metadata": {"name": "ray"},
		"spec": {
			"headGroupSpec": {"template": {"spec": _pod_spec}},
			"workerGroupSpecs": [{"template": {"spec": _pod_spec}}, {"template": {"spec": _pod_spec}}],
		},
	}
	found := {[w.kind, w.path, w.namespace] | some w in workloads.pod_specs} with input as testing.target([rollout, ray])
	found == {
		["Rollout", ["spec", "template", "spec"], "ml"],
		["RayCluster", ["spec", "headGroupSpec", "template", "spec"], "default"],
		["RayCluster", ["spec", "workerGroupSpecs", 0, "template", "spec"], "default"],
		["RayCluster", ["spec", "workerGroupSpecs", 1, "template", "spec"], "default"],
	}
	some w in workloads.pod_specs with input as testing.target([rollout])
	w.labels == {"app": "r"}
	w.spec.hostNetwork == true
}

test_pass_kserve_component_without_containers if {
	isvc := {
		"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
		"metadata": {"name": "llm", "namespace": "serving", "labels": {"team": "ml"}},
		"spec": {"predictor": {"hostNetwork": true, "model": {"modelFormat": {"name": "huggingface"}}}},
	}
	some w in workloads.pod_specs with input as testing.target([isvc])
	w.path == ["spec", "predictor"]
	w.labels == {"team": "ml"}
	w.spec.hostNetwork == true
}

test_pass_status_and_inert_kinds_are_not_workloads if {
	echoed := {"kind": "Widget", "metadata": {"name": "w"}, "status": {"template": {"spec": _pod_spec}}}
	config := {"kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"containers": "[]"}}
	count(workloads.pod_specs) == 0 with input as testing.target([echoed, config])
}

test_pass_context_entries_are_never_workloads if {
	shaped := {
		"riskreg": {"schema": 2},
		"target": "t",
		"documents": [],
		"context": [{
			"path": "c.yaml", "index": 0,
			"contents": {"kind": "Pod", "metadata": {"name": "p"}, "spec": _pod_spec},
		}],
	}
	count(workloads.pod_specs) == 0 with input as shaped
}

test_pass_containers_and_service_accounts if {
	docs := [
		{"kind": "Pod", "metadata": {"name": "p"}, "spec": object.union(_pod_spec, {"serviceAccountName": "agent"})},
		{
			"kind": "Pod", "metadata": {"name": "q"},
			"spec": object.union(_pod_spec, {"serviceAccount": "old", "serviceAccountName": ""}),
		},
	]
	accounts := {w.service_account | some w in workloads.pod_specs} with input as testing.target(docs)
	accounts == {"agent", "old"}
	fields := {[item.field, item.path] | some item in workloads.containers} with input as testing.target([docs[0]])
	fields == {["containers", ["spec", "containers", 0]], ["initContainers", ["spec", "initContainers", 0]]}
}

# Kubernetes' selector semantics: NotIn and DoesNotExist match a pod without the label.
test_pass_selector_expressions_on_absent_labels if {
	labels := {"app": "a"}
	workloads.selector_matches({"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["x"]}]}, labels)
	workloads.selector_matches({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, labels)
	workloads.selector_matches({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["b"]}]}, labels)
	not workloads.selector_matches({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["a"]}]}, labels)
	not workloads.selector_matches({"matchExpressions": [{"key": "tier", "operator": "In", "values": ["x"]}]}, labels)
}
