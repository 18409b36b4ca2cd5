# METADATA
# title: Pod security
# description: >-
#   The Kubernetes Pod Security Standards, the whole restricted profile (which includes baseline),
#   judged once per target on the effective settings of every pod and container of the target's
#   own workloads (init, ephemeral and KServe serving containers included). A container's
#   securityContext overrides its pod's; a field the standards restrict is judged wherever it is
#   set, so a forbidden pod-level value is reported even when every container overrides it, as
#   Pod Security Admission does. Anchor:
#   https://kubernetes.io/docs/concepts/security/pod-security-standards/ (allowed values in
#   policies/params.yaml, section pod_security). Controls read `violations` by family.
package riskreg.lib.pod_security

import data.riskreg.lib.workloads
import data.riskreg_params as params

# Speed: a pod or container written the way hardened workloads are (only the fields below, with
# safe values) cannot break any rule, so the rules judge only the others (_suspect_pods,
# _suspect_containers). A suspect's security context is read in one pass over the fields it
# sets, each judged by the function for its key, then the fields that must be set are checked.

# METADATA
# scope: document
# description: >-
#   Every departure from the restricted profile (plus a writable root filesystem), as {family,
#   entry, workload (its key), path, text}: family names the standard's control (host_namespaces, privileged,
#   host_process, host_ports, host_probes, host_path, capabilities, apparmor, selinux,
#   proc_mount, seccomp, sysctls, volume_types, privilege_escalation, run_as_non_root,
#   run_as_user, read_only_root_filesystem); path is the offending field, or the field that
#   should be there.
violations contains v if {
	some w in _suspect_pods
	some key, value in _pod_context(w)
	value != null
	some problem in _context_problems(key, value)
	path := array.concat(w.path, array.concat(["securityContext", key], problem.path))
	v := _violation(problem.family, w, path, sprintf("pods of %s %s", [_name(w), problem.text]))
}

violations contains v if {
	some c in _suspect_containers
	some key, value in _context(c.container)
	value != null
	some problem in _context_problems(key, value)
	path := _in_context(c, array.concat([key], problem.path))
	v := _violation(problem.family, c.workload, path, sprintf("%s %s", [_who(c), problem.text]))
}

# Fields a Linux container must set itself (the standard's Linux-only controls exempt pods that
# declare spec.os.name: windows, where the API server forbids these fields).
violations contains v if {
	some c in _suspect_containers
	not _windows(c.workload)
	context := _context(c.container)
	some field, required in _required_container_fields
	object.get(context, field, null) == null
	v := _violation(required.family, c.workload, _in_context(c, required.path), sprintf("%s %s", [_who(c), required.text]))
}

# Fields the pod may set for every container instead.
violations contains v if {
	some c in _suspect_containers
	some field, required in _inherited_fields
	object.get(_context(c.container), field, null) == null
	object.get(_pod_context(c.workload), field, null) == null
	not _exempt(required, c.workload)
	text := sprintf("%s %s: neither it nor its pod sets one", [_who(c), required.text])
	v := _violation(required.family, c.workload, _in_context(c, required.path), text)
}

violations contains v if {
	some w in _suspect_pods
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	value := w.spec[field]
	not value in {null, false}
	text := sprintf("pods of %s share the host's namespace (%s: %v)", [_name(w), field, value])
	v := _violation("host_namespaces", w, array.concat(w.path, [field]), text)
}

violations contains v if {
	some w in _suspect_pods
	some i, volume in w.spec.volumes
	some source, value in volume
	value != null
	some problem in _volume_problems(source, value, w)
	path := array.concat(w.path, array.concat(["volumes", i], problem.path))
	text := sprintf("volume %v of %s %s", [object.get(volume, "name", i), _name(w), problem.text])
	v := _violation(problem.family, w, path, text)
}

violations contains v if {
	some c in _suspect_containers
	some j, port in c.container.ports
	host_port := port.hostPort
	not host_port in {null, 0}
	not host_port in params.pod_security.allowed_host_ports
	text := sprintf("%s binds the node's port %v", [_who(c), host_port])
	v := _violation("host_ports", c.workload, array.concat(c.path, ["ports", j, "hostPort"]), text)
}

violations contains v if {
	some c in _suspect_containers
	some handler in ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"]
	c.container[handler]
	some path in _host_fields[handler]
	host := object.get(c.container, path, null)
	not host in {null, ""}
	text := sprintf("%s probes or hooks the host %v from the node (%s)", [_who(c), host, concat(".", path)])
	v := _violation("host_probes", c.workload, array.concat(c.path, path), text)
}

# Deprecated annotation forms: AppArmor's are a restricted field of the standard; seccomp's are
# no longer honoured as a profile, but one asking for `unconfined` states an unconfined pod.
violations contains v if {
	some w in _suspect_pods
	some key, value in _annotations(w)
	family := _annotation_family(key)
	not _annotation_allowed(family, value)
	text := sprintf("pods of %s are annotated %s: %v", [_name(w), key, value])
	v := _violation(family, w, array.concat(workloads.annotations_path(w), [key]), text)
}

_suspect_pods contains w if {
	some w in workloads.pod_specs
	not _clean_pod(w)
}

_suspect_containers contains c if {
	some c in workloads.containers
	not _clean_container(c)
}

# Literals are written in the expressions that use them rather than as rules: a rule is
# evaluated once more per target. Host namespace fields are each unset or false (what `not
# w.spec.hostNetwork` says, for the three at once); in the pod context, every field set has the
# hardened value (user and group ids are judged apart).
_clean_pod(w) if {
	object.subset(
		{"hostNetwork": false, "hostPID": false, "hostIPC": false},
		object.filter(w.spec, ["hostNetwork", "hostPID", "hostIPC"]),
	)
	context := _pod_context(w)
	object.subset(
		{"runAsNonRoot": true, "seccompProfile": {"type": "RuntimeDefault"}},
		object.remove(context, ["runAsUser", "runAsGroup", "fsGroup"]),
	)
	object.get(context, "runAsUser", 1) != 0
	not _security_annotations(w)
	every volume in _array(w.spec, "volumes") {
		_clean_volume(volume)
	}
}

_clean_container(c) if {
	context := c.container.securityContext
	is_object(context)

	# Every field set has the hardened value; the three a container must set are set.
	object.subset(
		{
			"allowPrivilegeEscalation": false,
			"readOnlyRootFilesystem": true,
			"capabilities": {"drop": ["ALL"]},
			"privileged": false,
			"runAsNonRoot": true,
			"seccompProfile": {"type": "RuntimeDefault"},
		},
		object.remove(context, ["runAsUser", "runAsGroup"]),
	)
	object.subset(context, {
		"allowPrivilegeEscalation": false,
		"readOnlyRootFilesystem": true,
		"capabilities": {"drop": ["ALL"]},
	})
	object.get(context, "runAsUser", 1) != 0
	pod := _pod_context(c.workload)

	# runAsNonRoot: true of the container, or of the pod when the container has no such key.
	object.get(context, "runAsNonRoot", object.get(pod, "runAsNonRoot", null)) == true

	# A seccompProfile (set, and not false) on the container or else on the pod.
	[object.get(context, "seccompProfile", false), object.get(pod, "seccompProfile", false)] != [false, false]
	not _host_port(c.container)
	not _host_probe(c.container)
}

_clean_volume(volume) if {
	is_object(volume)
	object.remove(volume, [
		"name", "emptyDir", "configMap", "secret",
		"projected", "downwardAPI", "csi", "ephemeral",
	]) == {}
}

_clean_volume(volume) if {
	is_object(volume)
	object.remove(volume, ["name", "persistentVolumeClaim"]) == {}
	count(_host_volumes) == 0
}

_security_annotations(w) if {
	some key, _ in _annotations(w)
	_annotation_family(key)
}

_host_port(container) if {
	some port in container.ports
	not port.hostPort in {null, 0}
}

_host_probe(container) if {
	some handler in ["livenessProbe", "readinessProbe", "startupProbe", "lifecycle"]
	container[handler]
	some path in _host_fields[handler]
	not object.get(container, path, null) in {null, ""}
}

# The problems of one field of a securityContext, as a set of {family, path, text}: path is
# below the field.
_context_problems("privileged", value) := {_problem("privileged", [], "is privileged")} if _truthy(value)

_context_problems("windowsOptions", value) := {_problem("host_process", ["hostProcess"], text)} if {
	_truthy(value.hostProcess)
	text := "runs as a Windows HostProcess (full access to the node)"
}

_context_problems("procMount", value) := {_problem("proc_mount", [], text)} if {
	value != "Default"
	text := sprintf("mounts /proc %v (without the default masks)", [value])
}

_context_problems("runAsNonRoot", value) := {_problem("run_as_non_root", [], text)} if {
	value != true
	text := sprintf("sets runAsNonRoot to %v", [value])
}

_context_problems("runAsUser", 0) := {_problem("run_as_user", [], "runs as user 0 (root)")}

_context_problems("allowPrivilegeEscalation", value) := {_problem("privilege_escalation", [], text)} if {
	value != false
	text := sprintf("allows privilege escalation (allowPrivilegeEscalation: %v)", [value])
}

_context_problems("readOnlyRootFilesystem", value) := {_problem("read_only_root_filesystem", [], text)} if {
	value != true
	text := sprintf("has a writable root filesystem (readOnlyRootFilesystem: %v)", [value])
}

_context_problems("seccompProfile", value) := {_problem("seccomp", ["type"], text)} if {
	type := object.get(_object_or_empty(value), "type", null)
	not type in params.pod_security.seccomp_types
	text := sprintf("runs under the seccomp profile type %v", [type])
}

_context_problems("appArmorProfile", value) := {_problem("apparmor", ["type"], text)} if {
	type := object.get(_object_or_empty(value), "type", null)
	not type in params.pod_security.apparmor_types
	text := sprintf("runs under the AppArmor profile type %v", [type])
}

_context_problems("seLinuxOptions", value) := {problem |
	type := object.get(_object_or_empty(value), "type", "")
	not type in params.pod_security.selinux_types
	text := sprintf("runs under the SELinux type %v, outside the container types", [type])
	problem := _problem("selinux", ["type"], text)
} | {problem |
	some field in ["user", "role"]
	custom := object.get(_object_or_empty(value), field, "")
	not custom in {"", null}
	problem := _problem("selinux", [field], sprintf("sets a custom SELinux %s (%v)", [field, custom]))
}

_context_problems("capabilities", value) := {problem |
	some j, capability in _array(value, "add")
	not capability in params.pod_security.allowed_capabilities
	text := sprintf("adds the capability %v%s%s; the restricted profile allows only %v", [
		capability, _spelling(capability), _beyond_baseline(capability),
		concat(", ", params.pod_security.allowed_capabilities),
	])
	problem := _problem("capabilities", ["add", j], text)
} | {problem |
	drop := _array(value, "drop")
	not "ALL" in drop
	problem := _problem("capabilities", ["drop"], _drop_text(drop))
}

_context_problems("sysctls", value) := {problem |
	some i, sysctl in value
	name := object.get(_object_or_empty(sysctl), "name", "")
	not _sysctl_name(name) in params.pod_security.safe_sysctls
	problem := _problem("sysctls", [i, "name"], sprintf("set the unsafe sysctl %v", [name]))
}

_required_container_fields := {
	"allowPrivilegeEscalation": _problem(
		"privilege_escalation", ["allowPrivilegeEscalation"],
		"allows privilege escalation (allowPrivilegeEscalation: unset)",
	),
	"readOnlyRootFilesystem": _problem(
		"read_only_root_filesystem", ["readOnlyRootFilesystem"],
		"has a writable root filesystem (readOnlyRootFilesystem: unset)",
	),
	"capabilities": _problem(
		"capabilities", ["capabilities", "drop"],
		"keeps the runtime's default capabilities (no capabilities.drop: [ALL])",
	),
}

_inherited_fields := {
	"runAsNonRoot": object.union(
		_problem("run_as_non_root", ["runAsNonRoot"], "may run as root (no runAsNonRoot: true)"),
		{"linux_only": false},
	),
	"seccompProfile": object.union(
		_problem("seccomp", ["seccompProfile", "type"], "runs without a seccomp profile"),
		{"linux_only": true},
	),
}

_exempt(required, w) if {
	required.linux_only
	_windows(w)
}

_windows(w) if w.spec.os.name == "windows"

# The problems of one volume source, as a set of {family, path, text}. A claim bound to a
# PersistentVolume of the target or context on a node's own disk (hostPath, or `local`) reaches
# the host as surely as a hostPath volume.
_volume_problems(source, value, _) := _type_problems(source) | _host_path_problems(source, value) if {
	source != "persistentVolumeClaim"
}

_volume_problems("persistentVolumeClaim", value, w) := {problem |
	claim := value.claimName
	some pv in _host_volumes_of_claim[[w.namespace, claim]]
	volume := workloads.object_name(pv.contents)
	text := sprintf("claims %v, bound to PersistentVolume %s on the host's disk", [claim, volume])
	problem := _problem("host_path", ["persistentVolumeClaim", "claimName"], text)
}

_type_problems(source) := {_problem("volume_types", [source], text)} if {
	source != "name"
	not source in params.pod_security.volume_types
	text := sprintf("is of type %s, outside the restricted volume types", [source])
} else := set()

_host_path_problems("hostPath", value) := {_problem("host_path", ["hostPath"], text)} if {
	text := sprintf("mounts the host path %v", [object.get(_object_or_empty(value), "path", "?")])
}

_host_path_problems(source, _) := set() if source != "hostPath"

# PersistentVolumes on a node's own disk, by the claims bound to them: a claim names its volume
# (spec.volumeName) or the volume names its claim (spec.claimRef).
_host_volumes_of_claim[[namespace, claim]] contains pv if {
	some pv in _host_volumes
	some pvc in _of_kind.PersistentVolumeClaim
	object.get(pvc.contents, ["spec", "volumeName"], null) == workloads.object_name(pv.contents)
	namespace := workloads.namespace(pvc.contents)
	claim := workloads.object_name(pvc.contents)
}

_host_volumes_of_claim[[namespace, claim]] contains pv if {
	some pv in _host_volumes
	ref := _object_or_empty(object.get(pv.contents, ["spec", "claimRef"], {}))
	namespace := object.get(ref, "namespace", "default")
	claim := object.get(ref, "name", null)
	is_string(claim)
}

_host_volumes contains pv if {
	some pv in _of_kind.PersistentVolume
	some source in ["hostPath", "local"]
	_truthy(pv.contents.spec[source])
}

_host_fields := {
	"livenessProbe": [["livenessProbe", "httpGet", "host"], ["livenessProbe", "tcpSocket", "host"]],
	"readinessProbe": [["readinessProbe", "httpGet", "host"], ["readinessProbe", "tcpSocket", "host"]],
	"startupProbe": [["startupProbe", "httpGet", "host"], ["startupProbe", "tcpSocket", "host"]],
	"lifecycle": [
		["lifecycle", "postStart", "httpGet", "host"], ["lifecycle", "postStart", "tcpSocket", "host"],
		["lifecycle", "preStop", "httpGet", "host"], ["lifecycle", "preStop", "tcpSocket", "host"],
	],
}

_annotations(w) := annotations if {
	annotations := object.get(w.entry.contents, workloads.annotations_path(w), {})
	is_object(annotations)
} else := {}

_annotation_family(key) := "apparmor" if startswith(key, "container.apparmor.security.beta.kubernetes.io/")

_annotation_family(key) := "seccomp" if startswith(key, "container.seccomp.security.alpha.kubernetes.io/")

_annotation_family("seccomp.security.alpha.kubernetes.io/pod") := "seccomp"

_annotation_allowed("apparmor", value) if value in params.pod_security.apparmor_annotation_values

_annotation_allowed("apparmor", value) if {
	is_string(value)
	some prefix in params.pod_security.apparmor_annotation_prefixes
	startswith(value, prefix)
}

_annotation_allowed("seccomp", value) if not lower(sprintf("%v", [value])) == "unconfined"

_drop_text(drop) := sprintf("drops %v, not ALL: the standard needs the exact value ALL", [drop]) if {
	some item in drop
	upper(sprintf("%v", [item])) == "ALL"
} else := "keeps the runtime's default capabilities (capabilities.drop lacks ALL)"

_beyond_baseline(capability) := "" if _capability_name(capability) in params.pod_security.baseline_capabilities

else := ", beyond even the baseline profile's default set"

_spelling(capability) := sprintf(" (the runtime reads it as %s)", [name]) if {
	name := _capability_name(capability)
	name != capability
} else := ""

# The container runtimes read capabilities case-insensitively with or without CAP_; the
# standard matches the exact name. Findings say which capability a spelling really adds.
_capability_name(capability) := trim_prefix(upper(capability), "CAP_") if is_string(capability)

else := sprintf("%v", [capability])

# A sysctl may be written with slashes (net/ipv4/tcp_syncookies): the kubelet swaps them.
_sysctl_name(name) := name if {
	is_string(name)
	not _slashed(name)
} else := concat(".", split(name, "/")) if is_string(name)

_slashed(name) if {
	indexof(name, "/") >= 0
	indexof(name, ".") < 0
}

_slashed(name) if {
	slash := indexof(name, "/")
	slash >= 0
	slash < indexof(name, ".")
}

# The path of a field of a container's securityContext.
_in_context(c, path) := array.concat(c.path, array.concat(["securityContext"], path))

_problem(family, path, text) := {"family": family, "path": path, "text": text}

_violation(family, workload, path, text) := {
	"family": family, "entry": workload.entry, "workload": workloads.key(workload),
	"path": path, "text": text,
}

_name(w) := sprintf("%s %s", [w.kind, w.name])

_who(c) := sprintf("container %v of %s", [object.get(c.container, "name", c.field), _name(c.workload)])

_pod_context(w) := context if {
	context := w.spec.securityContext
	is_object(context)
} else := {}

_context(container) := context if {
	context := container.securityContext
	is_object(context)
} else := {}

# A restricted boolean is set when present with any value but false or null: a non-boolean the
# API server would reject is not proof of safety either.
_truthy(value) if not value in {null, false}

_shown(null) := "unset"

_shown(value) := value if value != null

_array(obj, key) := value if {
	value := obj[key]
	is_array(value)
} else := []

_object_or_empty(value) := value if is_object(value)

else := {}
