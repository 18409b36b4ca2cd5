# Pod security, continued: the bounds that matter for an AI workload beyond the Pod Security
# Standards, computed once per target. Compute a workload may take (resource limits, replicas,
# autoscalers) and the code it runs (image references, their registry and digest).
package riskreg.lib.pod_security

import data.riskreg.lib.input as target
import data.riskreg.lib.workloads
import data.riskreg_params as params

# METADATA
# scope: document
# description: >-
#   Containers (init and KServe serving ones included; ephemeral containers cannot set
#   resources) whose cpu or memory has no effective limit - none of their own, of their pod
#   (pod-level resources) or of a LimitRange default in their namespace (target or context) - or
#   a limit of zero, and accelerators requested without an equal limit, as {entry, path, text,
#   undetermined}. Kubernetes sets a missing request to the limit, so a bounded resource is
#   also requested.
unbounded_resources contains _finding(c.workload, path, text, false) if {
	some c in workloads.containers
	c.field != "ephemeralContainers"
	some resource in params.workloads.bounded_resources
	object.get(c.container, ["resources", "limits", resource], null) == null
	object.get(c.workload.spec, ["resources", "limits", resource], null) == null
	not _limit_range_defaults[[c.workload.namespace, resource]]
	path := array.concat(c.path, ["resources", "limits", resource])
	text := sprintf("%s has no %s limit: none of its own, of its pod, or of a LimitRange in %s", [
		_who(c), resource,
		c.workload.namespace,
	])
}

unbounded_resources contains _finding(c.workload, path, text, undetermined) if {
	some c in workloads.containers
	some resource in params.workloads.bounded_resources
	value := c.container.resources.limits[resource]
	not _positive(value)
	undetermined := _not_quantity(value)
	path := array.concat(c.path, ["resources", "limits", resource])
	text := _limit_text(_who(c), resource, value, undetermined)
}

unbounded_resources contains _finding(c.workload, path, text, false) if {
	some c in workloads.containers
	some resource, requested in c.container.resources.requests
	contains(resource, "/")
	_accelerator(resource)
	limit := object.get(c.container, ["resources", "limits", resource], null)
	not _same_quantity(requested, limit)
	path := array.concat(c.path, ["resources", "limits", resource])
	text := sprintf("%s requests %v %s but limits it to %v: %s", [
		_who(c), requested, resource, _shown(limit),
		"an accelerator's request must equal its limit",
	])
}

_limit_text(who, resource, value, true) := sprintf("the %s limit of %s, %v, is not a Kubernetes quantity", [
	resource, who,
	value,
])

_limit_text(who, resource, value, false) := sprintf("%s has a %s limit of %v, which sets no bound", [
	who, resource,
	value,
])

_limit_range_defaults contains key if {
	some entry in _of_kind.LimitRange
	some limit in entry.contents.spec.limits
	limit.type == "Container"
	some resource, _ in limit["default"]
	key := [workloads.namespace(entry.contents), resource]
}

_accelerator(resource) if _matches_any(params.workloads.accelerator_resources, resource)

# A Kubernetes quantity (500m, 1Gi, 2, 1e3) as a number; undefined when it is not one.
_quantity(value) := value if is_number(value)

_quantity(value) := units.parse(value) if {
	is_string(value)
	regex.match(`^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|[kMGTPE]i?|[munpkMGTPE])?$`, value)
}

_positive(value) if _quantity(value) > 0

_not_quantity(value) := false if _quantity(value)

else := true

_same_quantity(a, b) if _quantity(a) == _quantity(b)

# METADATA
# scope: document
# description: >-
#   Replica counts above params workloads.max_replicas, as {entry, path, text, undetermined}:
#   a replica-like field beside a pod template (replicas, minReplicas, maxReplicas,
#   maxReplicaCount, a Job's parallelism), a DaemonSet (one pod per node, bounded by the
#   cluster, not the manifest), and autoscalers - HorizontalPodAutoscalers and KEDA
#   ScaledObjects/ScaledJobs of the target, and those of the context that scale one of the
#   target's workloads (reported on the workload).
replica_excess contains _excess(w.entry, array.concat(holder, [field]), value, text) if {
	some w in workloads.pod_specs
	holder := _replica_holder(w.path)
	found := object.get(w.entry.contents, holder, {})
	some field in _replica_fields
	value := found[field]
	not _within_ceiling(value)
	text := sprintf("%s runs up to %v pods (%s)", [_name(w), value, field])
}

replica_excess contains _finding(w, ["kind"], text, false) if {
	some w in workloads.pod_specs
	w.kind == "DaemonSet"
	text := sprintf("%s runs a pod on every node: the cluster's size, not the manifest, bounds its replicas", [_name(w)])
}

replica_excess contains _excess(scaler.entry, scaler.path, scaler.max, text) if {
	some scaler in scalers
	scaler.own
	not _within_ceiling(scaler.max)
	text := sprintf("%s scales %s %s up to %v pods", [_resource(scaler.entry), scaler.kind, scaler.name, scaler.max])
}

replica_excess contains _excess(w.entry, path, scaler.max, text) if {
	some scaler in scalers
	not scaler.own
	not _within_ceiling(scaler.max)
	some w in workloads.pod_specs
	[w.kind, w.name, w.namespace] == [scaler.kind, scaler.name, scaler.namespace]
	path := array.concat(_replica_holder(w.path), ["replicas"])
	text := sprintf("%s of the context (%s) scales %s up to %v pods", [
		_resource(scaler.entry), scaler.entry.path,
		_name(w), scaler.max,
	])
}

# METADATA
# scope: document
# description: >-
#   The autoscalers of the target and the context (HorizontalPodAutoscalers, KEDA ScaledObjects
#   and ScaledJobs) as {entry, own, path, max, kind, name, namespace}: max is the most pods they
#   scale to (KEDA's default when unset), kind/name/namespace the workload they target.
scalers contains scaler if {
	some entry in _of_kind.HorizontalPodAutoscaler
	spec := _object_or_empty(entry.contents.spec)
	scaler := _scaler(entry, spec, "maxReplicas", object.get(spec, "maxReplicas", null))
}

scalers contains scaler if {
	some kind in ["ScaledObject", "ScaledJob"]
	some entry in _of_kind[kind]
	startswith(object.get(entry.contents, "apiVersion", ""), "keda.sh/")
	spec := _object_or_empty(entry.contents.spec)
	most := object.get(spec, "maxReplicaCount", params.workloads.keda_default_max_replicas)
	scaler := _scaler(entry, spec, "maxReplicaCount", most)
}

_scaler(entry, spec, field, most) := {
	"entry": entry,
	"own": [entry.path, entry.index] in _own,
	"path": ["spec", field],
	"max": most,
	"kind": object.get(spec, ["scaleTargetRef", "kind"], "Deployment"),
	"name": object.get(spec, ["scaleTargetRef", "name"], ""),
	"namespace": workloads.namespace(entry.contents),
}

_own contains [entry.path, entry.index] if some entry in target.entries

# Replica fields sit beside a pod template (spec.template -> spec.replicas; a CronJob's
# jobTemplate.spec holds parallelism); a component that is itself a pod spec holds its own.
_replica_fields := ["replicas", "minReplicas", "maxReplicas", "maxReplicaCount", "parallelism"]

_replica_holder(path) := holder if {
	holder := _replica_holders[path]
} else := array.slice(path, 0, count(path) - 2) if {
	count(path) >= 2
	path[count(path) - 1] == "spec"
	path[count(path) - 2] == "template"
} else := path

# What _replica_holder computes for the pod spec paths of the built-in kinds, looked up.
_replica_holders := {
	["spec"]: ["spec"],
	["template", "spec"]: [],
	["spec", "template", "spec"]: ["spec"],
	["spec", "jobTemplate", "spec", "template", "spec"]: ["spec", "jobTemplate", "spec"],
}

_within_ceiling(value) if {
	is_number(value)
	value <= params.workloads.max_replicas
}

_excess(entry, path, value, text) := {
	"entry": entry, "path": path, "undetermined": true,
	"text": sprintf("%s: %v is not a number riskreg can judge", [text, value]),
} if {
	not is_number(value)
} else := {
	"entry": entry, "path": path, "undetermined": false,
	"text": sprintf("%s, above the ceiling of %v", [text, params.workloads.max_replicas]),
}

# METADATA
# scope: document
# description: >-
#   Every container image of the target's workloads as {container, path, image, pinned,
#   registry}: pinned when the reference ends in a digest of an algorithm and length of params
#   workloads.image_digests; registry is the host[:port] the reference names (lower case), or ""
#   when it names none (a short name the node's configuration resolves). A KServe serving
#   container without an image takes it from its ServingRuntime, itself a workload, so it is
#   not listed.
images contains image if {
	some c in workloads.containers
	_has_image(c)
	reference := object.get(c.container, "image", null)
	image := {
		"container": c,
		"path": array.concat(c.path, ["image"]),
		"image": reference,
		"pinned": _pinned(reference),
		"registry": _registry(reference),
	}
}

_has_image(c) if c.field in {"containers", "initContainers", "ephemeralContainers"}

_has_image(c) if c.container.image

# One match does what splitting at @ and : did: exactly one @, a name before it without spaces,
# after it an algorithm and a lower-case hexadecimal digest separated by exactly one colon.
_pinned(reference) if {
	is_string(reference)
	match := regex.find_all_string_submatch_n(`^[^\s@]+@([^:@]*):([a-f0-9]+)$`, reference, 1)
	count(match[0][2]) == params.workloads.image_digests[match[0][1]]
} else := false

# A reference names its registry when its first path component is a host: it has a dot or a
# colon (a port), or is localhost (the distribution reference grammar's rule).
_registry(reference) := lower(match[0][1]) if {
	is_string(reference)
	match := regex.find_all_string_submatch_n(`^([^/@]*[.:][^/@]*|localhost)/`, reference, 1)
	count(match) == 1
} else := ""

_finding(w, path, text, undetermined) := {"entry": w.entry, "path": path, "text": text, "undetermined": undetermined}

_resource(entry) := sprintf("%s %s/%s", [
	object.get(entry.contents, "kind", ""),
	workloads.namespace(entry.contents),
	workloads.object_name(entry.contents),
])
