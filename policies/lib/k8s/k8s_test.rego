package riskreg.lib.k8s_test

import data.riskreg.lib.k8s
import data.riskreg.lib.testing

_pod_spec := {"containers": [{"name": "c", "image": "i"}], "initContainers": [{"name": "i", "image": "i"}]}

_template := {"spec": _pod_spec}

_old_account := {"spec": {"serviceAccount": "old"}}

test_pass_workload_templates if {
	docs := [
		{"kind": "Pod", "metadata": {"name": "p", "labels": {"a": "b"}}, "spec": _pod_spec},
		{"kind": "CronJob", "metadata": {"name": "c"}, "spec": {"jobTemplate": {"spec": {"template": _template}}}},
		{"kind": "StatefulSet", "metadata": {"name": "s", "namespace": "n"}, "spec": {"template": _old_account}},
		{"kind": "Deployment", "metadata": {"name": "broken"}, "spec": {"template": "nope"}},
	]
	workloads := k8s.workloads with input as testing.target(docs)
	paths := {[w.kind, w.path, w.labels_path, w.service_account, w.namespace] | some w in workloads}
	paths == {
		["Pod", ["spec"], ["metadata", "labels"], "default", "default"],
		[
			"CronJob", ["spec", "jobTemplate", "spec", "template", "spec"],
			["spec", "jobTemplate", "spec", "template", "metadata", "labels"], "default", "default",
		],
	}
	containers := {item.path | some item in k8s.containers} with input as testing.target(docs)
	containers == {
		["spec", "containers", 0], ["spec", "initContainers", 0],
		["spec", "jobTemplate", "spec", "template", "spec", "containers", 0],
		["spec", "jobTemplate", "spec", "template", "spec", "initContainers", 0],
	}
}

test_pass_selector_expressions if {
	labels := {"app": "agent", "tier": "ai"}
	k8s.selector_matches({}, labels)
	k8s.selector_matches({"matchExpressions": [{"key": "app", "operator": "In", "values": ["agent"]}]}, labels)
	k8s.selector_matches({"matchExpressions": [{"key": "app", "operator": "NotIn", "values": ["web"]}]}, labels)
	k8s.selector_matches({"matchExpressions": [{"key": "tier", "operator": "Exists"}]}, labels)
	k8s.selector_matches({"matchExpressions": [{"key": "gpu", "operator": "DoesNotExist"}]}, labels)
	not k8s.selector_matches({"matchExpressions": [{"key": "tier", "operator": "DoesNotExist"}]}, labels)
	not k8s.selector_matches({"matchLabels": {"app": "web"}}, labels)
	not k8s.selector_matches("odd", labels)
}
