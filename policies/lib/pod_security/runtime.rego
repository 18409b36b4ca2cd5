# Pod security, continued: what runs each workload's pods and what they hold, from evidence
# rather than names. The RuntimeClass a pod names counts as a sandbox by its handler (the runtime
# the node really runs), looked up in the target and the context; the Kubernetes API tokens a pod
# holds are the automounted one (pod field, else its ServiceAccount's, else Kubernetes' default)
# and any projected or Secret volume that carries one.
package riskreg.lib.pod_security

import data.riskreg.lib.input as target
import data.riskreg.lib.workloads
import data.riskreg_params as params

# METADATA
# scope: document
# description: >-
#   Per workload, the runtime of its pods: {workload, key, path, class, state, handlers,
#   families}. state is none (no runtimeClassName: the node's default runtime, a shared kernel),
#   missing (the named RuntimeClass is neither in the target nor in the context), unsandboxed
#   (a RuntimeClass of that name has a handler outside every sandbox family) or sandboxed;
#   families are the sandbox families (gvisor, kata, firecracker) every such handler belongs to.
runtimes contains _runtime(w, name, _class(name, _class_table)) if {
	some w in workloads.pod_specs
	name := object.get(w.spec, "runtimeClassName", "")
}

# A RuntimeClass without a name (named "") also stands for the pods that name none.
runtimes contains _runtime(w, "", class) if {
	class := _class_table[""]
	some w in workloads.pod_specs
	object.get(w.spec, "runtimeClassName", "") == ""
}

# The class of a runtimeClassName: none when unset, else the RuntimeClass of that name in
# classes, else missing.
_class(name, classes) := {"state": "none", "handlers": set(), "families": set()} if {
	name in {"", null}
} else := class if {
	class := classes[name]
} else := {"state": "missing", "handlers": set(), "families": set()}

# _classes as one value, so that looking a name up in it evaluates _classes once, not per name
# (a partial rule looked up by a ground key is evaluated anew for that key).
# regal ignore:pointless-reassignment
_class_table := _classes

_runtime(w, name, class) := {
	"workload": w,
	"key": workloads.key(w),
	"path": array.concat(w.path, ["runtimeClassName"]),
	"class": name,
	"state": class.state,
	"handlers": class.handlers,
	"families": class.families,
}

# What a RuntimeClass name stands for, judged once per name: {state, handlers, families}.
_classes[name] := class if {
	some name, entries in _runtime_classes
	families_of := {handler: sandbox_families(handler) | some entry in entries; handler := _handler(entry)}
	class := {
		"state": _state(families_of),
		"handlers": object.keys(families_of),
		"families": intersection({families | some families in families_of}),
	}
}

# METADATA
# description: The RuntimeClass entries of a name, from the target and the context.
runtime_classes(name) := object.get(_runtime_classes, name, set())

_runtime_classes[name] contains entry if {
	some entry in _of_kind.RuntimeClass
	name := workloads.object_name(entry.contents)
}

_state(families_of) := "unsandboxed" if set() in families_of

else := "sandboxed"

_handler(entry) := handler if {
	handler := entry.contents.handler
	is_string(handler)
} else := ""

# METADATA
# description: >-
#   The sandbox families (keys of params pod_security.sandbox_handlers) a RuntimeClass handler
#   belongs to; a pattern matches exactly, or by prefix when it ends in *. (_matches_any written
#   out as two comprehensions: a function call per family cost more than the builtins.)
sandbox_families(handler) := {family |
	some family, patterns in params.pod_security.sandbox_handlers
	handler in patterns
} | {family |
	some family, patterns in params.pod_security.sandbox_handlers
	some pattern in patterns
	endswith(pattern, "*")
	startswith(handler, trim_suffix(pattern, "*"))
}

_matches_any(patterns, name) if name in patterns

_matches_any(patterns, name) if {
	some pattern in patterns
	endswith(pattern, "*")
	startswith(name, trim_suffix(pattern, "*"))
}

# Entries of the target and context by kind, grouped in one pass over them, for the kinds this
# library looks up (every other kind is skipped while grouping). The kinds are a literal: a
# rule look-up per entry cost more.
_by_kind[kind] contains entry if {
	some entry in target.all_entries
	kind := entry.contents.kind
	kind in {
		"RuntimeClass", "ServiceAccount", "Secret", "LimitRange", "PersistentVolume",
		"PersistentVolumeClaim", "HorizontalPodAutoscaler", "ScaledObject", "ScaledJob",
	}
}

# The same, as one value: looking a kind up in it never re-evaluates _by_kind for that kind.
# regal ignore:pointless-reassignment
_of_kind := _by_kind

# METADATA
# scope: document
# description: >-
#   The Kubernetes API tokens in each workload's pods, as {entry, path, text, undetermined}:
#   undetermined when the verdict needs the pod's ServiceAccount and neither the target nor the
#   context holds it.
api_tokens contains _finding(w, array.concat(w.path, [field]), text, false) if {
	some w in workloads.pod_specs
	value := w.spec.automountServiceAccountToken
	not value in {null, false}
	field := "automountServiceAccountToken"
	account := w.service_account
	text := sprintf("pods of %s mount the API token of ServiceAccount %s (%s: %v)", [_name(w), account, field, value])
}

api_tokens contains _finding(w, array.concat(w.path, ["automountServiceAccountToken"]), text, false) if {
	some w in workloads.pod_specs
	object.get(w.spec, "automountServiceAccountToken", null) == null
	some account in _service_accounts[[w.namespace, w.service_account]]
	object.get(account.contents, "automountServiceAccountToken", null) != false
	text := sprintf("pods of %s mount the API token of %s: neither the pod nor it opts out", [_name(w), _account(account)])
}

api_tokens contains _finding(w, array.concat(w.path, ["automountServiceAccountToken"]), text, true) if {
	some w in workloads.pod_specs
	object.get(w.spec, "automountServiceAccountToken", null) == null
	not _service_accounts[[w.namespace, w.service_account]]
	account := sprintf("%s/%s", [w.namespace, w.service_account])
	text := sprintf("%s %s, which decides, is neither in the target nor in the context", [
		sprintf("pods of %s set no automountServiceAccountToken and ServiceAccount", [_name(w)]),
		account,
	])
}

api_tokens contains _finding(w, path, text, false) if {
	some w in workloads.pod_specs
	some i, volume in w.spec.volumes
	some j, source in volume.projected.sources
	token := source.serviceAccountToken
	_api_audience(object.get(_object_or_empty(token), "audience", ""))
	path := array.concat(w.path, ["volumes", i, "projected", "sources", j, "serviceAccountToken"])
	name := object.get(volume, "name", i)
	text := sprintf("volume %v of %s projects an API token of ServiceAccount %s", [name, _name(w), w.service_account])
}

api_tokens contains _finding(w, array.concat(w.path, array.concat(["volumes", i], reference)), text, false) if {
	count(_token_secrets) > 0
	some w in workloads.pod_specs
	some i, volume in _array(w.spec, "volumes")
	some reference in _secret_references(_object_or_empty(volume))
	name := object.get(volume, reference, "")
	_token_secrets[[w.namespace, name]]
	volume_name := object.get(volume, "name", i)
	text := sprintf("volume %v of %s mounts Secret %s, a ServiceAccount token", [volume_name, _name(w), name])
}

# No audience means the API server's own.
_api_audience(audience) if audience in {"", null}

_api_audience(audience) if audience in params.pod_security.api_audiences

_secret_references(volume) := {["secret", "secretName"]} | {["projected", "sources", j, "secret", "name"] |
	some j, _ in _array(object.get(volume, "projected", {}), "sources")
}

# Keys are computed in the body: a function with `else` in a rule head would be unified with the
# looked-up key, and a key the first branch misses could then match the else branch.
_service_accounts[key] contains entry if {
	some entry in _of_kind.ServiceAccount
	key := [workloads.namespace(entry.contents), workloads.object_name(entry.contents)]
}

_token_secrets contains key if {
	some entry in _of_kind.Secret
	entry.contents.type == "kubernetes.io/service-account-token"
	key := [workloads.namespace(entry.contents), workloads.object_name(entry.contents)]
}

_account(entry) := sprintf("ServiceAccount %s/%s", [
	workloads.namespace(entry.contents),
	workloads.object_name(entry.contents),
])
