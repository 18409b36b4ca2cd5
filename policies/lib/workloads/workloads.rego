# METADATA
# title: Workloads
# description: >-
#   Every pod spec of the target, found by shape wherever a pod template lives: Pods, the
#   built-in controllers, PodTemplates and any custom resource (Argo Rollouts, KServe, Kaito,
#   NIM, RayCluster...) that embeds objects with a `containers` list. Paths are JSON Pointer
#   segment arrays. Only the target's own entries are workloads; context entries never are.
package riskreg.lib.workloads

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# Kinds of the core API groups that cannot carry a pod template: not walked, for speed only
# (walking them would find nothing, since their values are data, not pod specs).
_inert_kinds := {
	"ConfigMap", "Secret", "Service", "ServiceAccount", "Namespace", "NetworkPolicy", "Role",
	"ClusterRole", "RoleBinding", "ClusterRoleBinding", "RuntimeClass", "PersistentVolumeClaim",
	"PersistentVolume", "StorageClass", "Ingress", "IngressClass", "PodDisruptionBudget",
	"HorizontalPodAutoscaler", "LimitRange", "ResourceQuota", "PriorityClass", "Endpoints",
	"EndpointSlice", "CustomResourceDefinition", "AIDeployment",
}

# Custom resources whose components are pod specs even when they list no containers (KServe
# builds the container from `model`, but the component still carries pod-level fields).
_inline_components := {"InferenceService": ["predictor", "transformer", "explainer"]}

# KServe components embed a whole container under a framework key (`model`, `sklearn`, ...,
# `alibi`): its securityContext, resources and image are the serving container's. Its image may
# be absent (the ServingRuntime, itself a workload found by shape, supplies one).
_inline_containers := {"InferenceService": [
	"model", "sklearn", "xgboost", "tensorflow", "pytorch", "triton", "onnx", "pmml", "lightgbm",
	"paddle", "huggingface", "alibi", "art",
]}

# METADATA
# description: >-
#   Every pod spec of the target's own entries as {entry, kind, name, namespace, spec, path,
#   labels, labels_path, service_account}: path and labels_path are segment arrays.
pod_specs contains workload if {
	some entry in target.entries
	not _inert_kinds[entry.contents.kind]
	entry.format == "kubernetes"
	some path, labels_path in _spec_paths(entry.contents)
	spec := object.get(entry.contents, path, null)
	workload := {
		"entry": entry,
		"kind": object.get(entry.contents, "kind", ""),
		"name": object_name(entry.contents),
		"namespace": namespace(entry.contents),
		"spec": spec,
		"path": path,
		"labels": _labels(entry.contents, labels_path),
		"labels_path": labels_path,
		"service_account": service_account(spec),
	}
}

# The built-in kinds keep their pod spec at one documented place; looking there instead of
# walking the whole object is only a speed-up (their schema allows no pod spec elsewhere). Each
# place is given with the path of its containers and of its pods' labels, so that neither is
# built per workload (they are what _labels_path and array.concat would build).
_builtin_paths := {
	"v1": {
		"Pod": {
			"containers": ["spec", "containers"],
			"paths": {["spec"]: ["metadata", "labels"]},
		},
		"PodTemplate": {
			"containers": ["template", "spec", "containers"],
			"paths": {["template", "spec"]: ["template", "metadata", "labels"]},
		},
		"ReplicationController": {
			"containers": ["spec", "template", "spec", "containers"],
			"paths": {["spec", "template", "spec"]: ["spec", "template", "metadata", "labels"]},
		},
	},
	"apps/v1": {
		"Deployment": {
			"containers": ["spec", "template", "spec", "containers"],
			"paths": {["spec", "template", "spec"]: ["spec", "template", "metadata", "labels"]},
		},
		"StatefulSet": {
			"containers": ["spec", "template", "spec", "containers"],
			"paths": {["spec", "template", "spec"]: ["spec", "template", "metadata", "labels"]},
		},
		"DaemonSet": {
			"containers": ["spec", "template", "spec", "containers"],
			"paths": {["spec", "template", "spec"]: ["spec", "template", "metadata", "labels"]},
		},
		"ReplicaSet": {
			"containers": ["spec", "template", "spec", "containers"],
			"paths": {["spec", "template", "spec"]: ["spec", "template", "metadata", "labels"]},
		},
	},
	"batch/v1": {
		"Job": {
			"containers": ["spec", "template", "spec", "containers"],
			"paths": {["spec", "template", "spec"]: ["spec", "template", "metadata", "labels"]},
		},
		"CronJob": {
			"containers": ["spec", "jobTemplate", "spec", "template", "spec", "containers"],
			"paths": {["spec", "jobTemplate", "spec", "template", "spec"]: [
				"spec", "jobTemplate", "spec", "template",
				"metadata", "labels",
			]},
		},
	},
}

# The pod spec paths of an object, each with the path of its pods' labels.
_spec_paths(obj) := builtin.paths if {
	builtin := _builtin_paths[obj.apiVersion][obj.kind]
	is_array(object.get(obj, builtin.containers, null))
} else := {} if {
	_builtin_paths[obj.apiVersion][obj.kind]
} else := {path: _labels_path(path) | some path in _walked_paths(obj)}

_walked_paths(obj) := {path |
	walk(obj, [path, value])
	is_object(value)
	is_array(value.containers)
	count(path) > 0
	not _inside_status(path)
} | _component_paths(obj)

_component_paths(obj) := {["spec", name] |
	some name in _inline_components[obj.kind]
	is_object(obj.spec[name])
}

# The status of a custom resource may echo a spec; it is not what runs.
_inside_status(path) if path[0] == "status"

# A pod template's labels sit beside its spec; a Pod's on the object; an inline component's
# pods are labelled from the object.
_labels_path(path) := array.concat(array.slice(path, 0, count(path) - 1), ["metadata", "labels"]) if {
	count(path) >= 2
	path[count(path) - 1] == "spec"
	path[count(path) - 2] == "template"
} else := ["metadata", "labels"]

_labels(obj, path) := labels if {
	labels := object.get(obj, path, {})
	is_object(labels)
} else := {}

# METADATA
# scope: document
# description: >-
#   Every container of every pod spec, init and ephemeral ones included, as {workload,
#   container, field, path}: field is containers, initContainers or ephemeralContainers, or for
#   a KServe component the framework key that embeds the serving container (model, sklearn...).
containers contains item if {
	some workload in pod_specs
	some field in ["initContainers", "containers", "ephemeralContainers"]
	list := workload.spec[field]
	is_array(list)
	some i, container in list
	is_object(container)
	item := {
		"workload": workload,
		"container": container,
		"field": field,
		"path": array.concat(workload.path, [field, i]),
	}
}

containers contains item if {
	some workload in pod_specs
	some field in _inline_containers[workload.kind]
	container := workload.spec[field]
	is_object(container)
	item := {
		"workload": workload,
		"container": container,
		"field": field,
		"path": array.concat(workload.path, [field]),
	}
}

# METADATA
# description: >-
#   The path of the annotations of a workload's pods (beside their labels): pod-level
#   annotations (seccomp, AppArmor) are read there.
annotations_path(workload) := path if {
	path := _annotations_paths[workload.labels_path]
} else := array.concat(
	array.slice(workload.labels_path, 0, count(workload.labels_path) - 1),
	["annotations"],
)

# The annotations paths of the labels paths of the built-in kinds, looked up rather than built.
_annotations_paths := {
	["metadata", "labels"]: ["metadata", "annotations"],
	["template", "metadata", "labels"]: ["template", "metadata", "annotations"],
	["spec", "template", "metadata", "labels"]: ["spec", "template", "metadata", "annotations"],
	["spec", "jobTemplate", "spec", "template", "metadata", "labels"]: [
		"spec", "jobTemplate", "spec", "template",
		"metadata", "annotations",
	],
}

# METADATA
# description: >-
#   The workloads an AIDeployment entry links to by spec.workload {kind (default Deployment),
#   name}, in the AIDeployment's namespace.
linked(entry) := {workload |
	link := entry.contents.spec.workload
	is_object(link)
	some workload in pod_specs
	workload.kind == object.get(link, "kind", "Deployment")
	workload.name == link.name
	workload.namespace == namespace(entry.contents)
}

# METADATA
# description: >-
#   The `checked` items of a control that judges every workload of the target from its real pod
#   spec: one verified item per workload entry, built once per target for all such controls
#   (`checked contains item if some item in workloads.checked`).
checked contains result.verified(workload.entry) if some workload in pod_specs

# METADATA
# description: >-
#   A workload's identity, cheap to compare: [file, document index, path of its pod spec].
key(workload) := [workload.entry.path, workload.entry.index, workload.path]

# METADATA
# description: The metadata.name of an object, or the empty string.
object_name(obj) := name if {
	name := obj.metadata.name
	is_string(name)
} else := ""

# METADATA
# description: The namespace of an object, `default` when it names none.
namespace(obj) := name if {
	name := obj.metadata.namespace
	is_string(name)
	name != ""
} else := "default"

# METADATA
# description: The ServiceAccount a pod spec runs as (serviceAccountName, its old alias, or default).
service_account(spec) := name if {
	name := spec.serviceAccountName
	is_string(name)
	name != ""
} else := name if {
	name := spec.serviceAccount
	is_string(name)
	name != ""
} else := "default"

# METADATA
# description: True when a Kubernetes label selector (matchLabels, matchExpressions) selects labels.
selector_matches(selector, labels) if {
	is_object(selector)
	every key, value in object.get(selector, "matchLabels", {}) {
		labels[key] == value
	}
	every expression in object.get(selector, "matchExpressions", []) {
		_expression_matches(expression, labels)
	}
}

_expression_matches(expression, labels) if {
	expression.operator == "In"
	labels[expression.key] in object.get(expression, "values", [])
}

# NotIn also matches a pod without the label (Kubernetes' selector semantics): see label_in.
_expression_matches(expression, labels) if {
	expression.operator == "NotIn"
	not label_in(labels, expression.key, object.get(expression, "values", []))
}

_expression_matches(expression, labels) if {
	expression.operator == "Exists"
	expression.key in object.keys(labels)
}

_expression_matches(expression, labels) if {
	expression.operator == "DoesNotExist"
	not expression.key in object.keys(labels)
}

# METADATA
# description: >-
#   True when labels has key with one of values. Negate a call of this, never `labels[key] in
#   values` itself: opa rewrites that negation so that an absent label fails the whole body
#   instead of making it true (open-policy-agent/opa#1877), while NotIn (Kubernetes) and
#   Calico's `!=` and `not in` hold for an absent label.
label_in(labels, key, values) if labels[key] in values
