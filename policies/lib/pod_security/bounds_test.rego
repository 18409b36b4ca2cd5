package riskreg.lib.pod_security_bounds_test

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.testing

_limits := {"requests": {"cpu": "1", "memory": "1Gi"}, "limits": {"cpu": "2", "memory": "2Gi"}}

_pod(containers) := {"kind": "Pod", "metadata": {"name": "p", "namespace": "n"}, "spec": {"containers": containers}}

_unbounded(documents) := {[u.undetermined, result.pointer(u.path)] | some u in found} if {
	# regal ignore:with-outside-test-context
	found := pod_security.unbounded_resources with input as testing.target(documents)
}

test_pass_own_limits if {
	_unbounded([_pod([{"name": "c", "resources": _limits}])]) == set()
}

test_deny_missing_and_zero_limits if {
	containers := [
		{"name": "a", "resources": {"requests": {"cpu": "1", "memory": "1Gi"}}},
		{"name": "b", "resources": {"limits": {"cpu": "0", "memory": 0}}},
		{"name": "c", "resources": {"limits": {"cpu": "two", "memory": "1Gi"}}},
	]
	_unbounded([_pod(containers)]) == {
		[false, "/spec/containers/0/resources/limits/cpu"],
		[false, "/spec/containers/0/resources/limits/memory"],
		[false, "/spec/containers/1/resources/limits/cpu"],
		[false, "/spec/containers/1/resources/limits/memory"],
		[true, "/spec/containers/2/resources/limits/cpu"],
	}
}

test_pass_pod_level_and_limit_range_defaults if {
	pod := {
		"kind": "Pod", "metadata": {"name": "p", "namespace": "n"},
		"spec": {"resources": {"limits": {"cpu": "1"}}, "containers": [{"name": "c"}]},
	}
	limit_range := {
		"kind": "LimitRange", "metadata": {"name": "l", "namespace": "n"},
		"spec": {"limits": [{"type": "Container", "default": {"memory": "1Gi"}}]},
	}
	_unbounded([pod, limit_range]) == set()
	_unbounded([pod]) == {[false, "/spec/containers/0/resources/limits/memory"]}
}

test_deny_limit_range_of_another_namespace_or_type if {
	limit_ranges := [
		{
			"kind": "LimitRange", "metadata": {"name": "l", "namespace": "other"},
			"spec": {"limits": [{"type": "Container", "default": {"cpu": "1", "memory": "1Gi"}}]},
		},
		{
			"kind": "LimitRange", "metadata": {"name": "l", "namespace": "n"},
			"spec": {"limits": [{"type": "Pod", "max": {"cpu": "1", "memory": "1Gi"}}]},
		},
	]
	count(_unbounded(array.concat([_pod([{"name": "c"}])], limit_ranges))) == 2
}

test_deny_accelerator_request_without_equal_limit if {
	gpu := {
		"requests": {"cpu": "1", "memory": "1Gi", "nvidia.com/gpu": 2, "amd.com/gpu": "1"},
		"limits": {"cpu": "1", "memory": "1Gi", "nvidia.com/gpu": 1, "amd.com/gpu": 1},
	}
	mig := {"requests": {"nvidia.com/mig-1g.5gb": 1}, "limits": {"cpu": "1", "memory": "1Gi"}}
	_unbounded([_pod([{"name": "a", "resources": gpu}, {"name": "b", "resources": mig}])]) == {
		[false, "/spec/containers/0/resources/limits/nvidia.com~1gpu"],
		[false, "/spec/containers/1/resources/limits/nvidia.com~1mig-1g.5gb"],
	}
}

test_pass_ephemeral_containers_cannot_set_resources if {
	pod := {
		"kind": "Pod", "metadata": {"name": "p", "namespace": "n"},
		"spec": {"containers": [{"name": "c", "resources": _limits}], "ephemeralContainers": [{"name": "e"}]},
	}
	_unbounded([pod]) == set()
}

_excess(documents) := {[e.undetermined, result.pointer(e.path)] | some e in found} if {
	# regal ignore:with-outside-test-context
	found := pod_security.replica_excess with input as testing.target(documents)
}

_deployment(replicas) := {
	"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "d", "namespace": "n"},
	"spec": {"replicas": replicas, "template": {"spec": {"containers": [{"name": "c"}]}}},
}

test_pass_within_the_ceiling if {
	_excess([_deployment(10)]) == set()
}

test_deny_replicas_above_the_ceiling_or_not_a_number if {
	_excess([_deployment(11)]) == {[false, "/spec/replicas"]}
	_excess([_deployment("{{ .Values.replicas }}")]) == {[true, "/spec/replicas"]}
	_excess([_deployment(11)]) == set() with data.riskreg_params.workloads.max_replicas as 20
}

test_deny_replica_fields_of_custom_resources_and_jobs if {
	ray := {
		"kind": "RayCluster", "metadata": {"name": "r"},
		"spec": {"workerGroupSpecs": [{
			"replicas": 1, "maxReplicas": 64,
			"template": {"spec": {"containers": [{"name": "c"}]}},
		}]},
	}
	cron := {
		"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"},
		"spec": {"jobTemplate": {"spec": {"parallelism": 50, "template": {"spec": {"containers": [{"name": "c"}]}}}}},
	}
	_excess([ray, cron]) == {
		[false, "/spec/workerGroupSpecs/0/maxReplicas"],
		[false, "/spec/jobTemplate/spec/parallelism"],
	}
}

test_deny_daemonset if {
	daemonset := {
		"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "d"},
		"spec": {"template": {"spec": {"containers": [{"name": "c"}]}}},
	}
	_excess([daemonset]) == {[false, "/kind"]}
}

_hpa(most) := {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "h", "namespace": "n"},
	"spec": {"scaleTargetRef": {"kind": "Deployment", "name": "d"}, "maxReplicas": most},
}

test_deny_autoscalers_of_the_target if {
	keda := {
		"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject",
		"metadata": {"name": "k", "namespace": "n"}, "spec": {},
	}
	bounded := json.patch(keda, [testing.add_at("/spec/maxReplicaCount", 4)])
	not_keda := {"apiVersion": "example.com/v1", "kind": "ScaledObject", "metadata": {"name": "x"}, "spec": {}}
	_excess([_hpa(100), keda, bounded, not_keda]) == {[false, "/spec/maxReplicas"], [false, "/spec/maxReplicaCount"]}
	_excess([_hpa(4)]) == set()
}

test_deny_context_autoscaler_on_the_workload if {
	context := {"context": [{"path": "ctx/hpa.yaml", "contents": _hpa(500)}]}
	shaped := object.union(testing.target([_deployment(2)]), context)
	found := pod_security.replica_excess with input as shaped
	{result.pointer(e.path) | some e in found} == {"/spec/replicas"}
	some excess in found
	contains(excess.text, "ctx/hpa.yaml")
}

_images(references) := {image.image: [image.pinned, image.registry] | some image in found} if {
	pod := _pod([{"name": sprintf("c%d", [i]), "image": reference} | some i, reference in references])

	# regal ignore:with-outside-test-context
	found := pod_security.images with input as testing.target([pod])
}

test_pass_digests_of_registered_algorithms if {
	images := _images([
		concat("", ["r.io/a@sha256:", _repeat("ab", 32)]),
		concat("", ["r.io/a:1.0@sha256:", _repeat("cd", 32)]),
		concat("", ["r.io/a@sha512:", _repeat("ef", 64)]),
	])
	count(images) == 3
	every pinned_registry in images {
		pinned_registry == [true, "r.io"]
	}
}

test_deny_malformed_digests if {
	images := _images([
		concat("", ["r.io/a@sha256:", _repeat("ab", 31), "a"]),
		concat("", ["r.io/a@sha256:", upper(_repeat("ab", 32))]),
		concat("", ["r.io/a@md5:", _repeat("ab", 16)]),
		concat("", ["r.io/a@sha256:", _repeat("ab", 32), ":latest"]),
		"r.io/a:latest",
	])
	count(images) == 5
	every pinned_registry in images {
		pinned_registry[0] == false
	}
}

test_pass_registry_is_the_first_component_only_when_it_is_a_host if {
	images := _images([
		"nginx", "library/nginx", "Registry.Example.com:5000/a/b", "localhost/a", "localhost:5000/a",
		"agents/r.io", "a@sha256:r.io/x",
	])
	{reference: pinned_registry[1] | some reference, pinned_registry in images} == {
		"nginx": "", "library/nginx": "", "Registry.Example.com:5000/a/b": "registry.example.com:5000",
		"localhost/a": "localhost", "localhost:5000/a": "localhost:5000", "agents/r.io": "", "a@sha256:r.io/x": "",
	}
}

test_pass_kserve_serving_container_without_image_is_not_an_image if {
	isvc := {
		"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService", "metadata": {"name": "m"},
		"spec": {"predictor": {"model": {"modelFormat": {"name": "x"}}, "transformer": {"containers": []}}},
	}
	count(pod_security.images) == 0 with input as testing.target([isvc])
}

_repeat(text, times) := concat("", [text | some _ in numbers.range(1, times)])

# The digest is matched in one expression: these are the edges splitting at @ and : drew.
test_deny_digests_with_two_ats_spaces_or_an_empty_name if {
	digest := _repeat("ab", 32)
	images := _images([
		concat("", ["r.io/a@b@sha256:", digest]),
		concat("", ["r.io/a b@sha256:", digest]),
		concat("", ["@sha256:", digest]),
		concat("", ["r.io/a@sha256::", digest]),
		"r.io/a@sha256:",
		concat("", ["r.io/a@sha256:", digest, "\n"]),
	])
	count(images) == 6
	every pinned_registry in images {
		pinned_registry[0] == false
	}
}

test_pass_replica_fields_beside_the_template_of_each_builtin_kind if {
	cron := {
		"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": "c"},
		"spec": {"jobTemplate": {"spec": {"parallelism": 500, "template": {"spec": {"containers": [{"name": "c"}]}}}}},
	}
	template := {
		"apiVersion": "v1", "kind": "PodTemplate", "metadata": {"name": "t"}, "replicas": 500,
		"template": {"spec": {"containers": [{"name": "c"}]}},
	}

	# regal ignore:with-outside-test-context
	found := pod_security.replica_excess with input as testing.target([cron, template])
	{result.pointer(excess.path) | some excess in found} == {"/spec/jobTemplate/spec/parallelism", "/replicas"}
}
