# METADATA
# title: The AI system runs in a sandbox without host or critical-infrastructure access, as its workload confirms
# description: >-
#   Checks that an AIDeployment runs the system in a sandbox stronger than a plain container
#   (gVisor, Kata or Firecracker), without host access and isolated from critical network
#   infrastructure, and compares what it declares with the workload it links to (spec.workload,
#   in its namespace): the declared sandbox must be the family of the handler of the workload's
#   RuntimeClass, and hostAccess false must hold in its pod spec (no host namespace, hostPath,
#   privileged container, host port, HostProcess or host probe). A contradiction fails. The
#   control passes as verified only when the Kubernetes objects confirm every declaration it can
#   check (linked workload and RuntimeClass present), else as attested. A plain container is
#   reported as a warning.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: ISO-001
#   severity: high
#   version: 2
#   mitigates: [mit1158.m2]
#   kinds: [AIDeployment, "*", RuntimeClass]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.sandbox

import data.riskreg.lib.input as target
import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads
import data.riskreg_params as params

_host_families := {"host_namespaces", "privileged", "host_path", "host_ports", "host_process", "host_probes"}

_sandboxes := object.keys(params.pod_security.sandbox_handlers)

# METADATA
# scope: document
# description: >-
#   Verified when the linked workload and its RuntimeClass confirm the declaration, attested when
#   the AIDeployment's own declaration is all there is to read.
checked contains result.verified(declared.entry) if {
	some declared in _confirmed
}

checked contains result.attested(declared.entry) if {
	some declared in _declared
	not _confirmed[declared]
}

deny contains finding if {
	some entry in target.aideployments
	sandbox := object.get(entry.contents, ["spec", "isolation", "sandbox"], "none")
	not sandbox in (_sandboxes | {"container"})
	path := ["spec", "isolation", "sandbox"]
	text := "the system runs without a sandbox"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some field, what in {"hostAccess": "the host", "criticalInfrastructureAccess": "critical network infrastructure"}
	object.get(entry.contents, ["spec", "isolation", field], null) != false
	path := ["spec", "isolation", field]
	text := sprintf("the system is not isolated from %s", [what])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

# Declared sandbox versus the handler that really runs the linked workload's pods.
deny contains finding if {
	some declared in _declared
	sandbox := declared.isolation.sandbox
	sandbox in _sandboxes
	some runtime in declared.runtimes
	_contradicts(runtime, sandbox)
	text := sprintf("%s declares the sandbox %s, but %s", [_name(declared.entry), sandbox, _actual(runtime)])
	finding := result.make(rego.metadata.chain(), runtime.workload.entry, runtime.path, text)
}

# Declared hostAccess: false versus the linked workload's pod spec.
deny contains finding if {
	some declared in _declared
	declared.isolation.hostAccess == false
	some violation in pod_security.violations
	violation.workload in declared.workloads
	violation.family in _host_families
	text := sprintf("%s declares hostAccess: false, but %s", [_name(declared.entry), violation.text])
	finding := result.make(rego.metadata.chain(), violation.entry, violation.path, text)
}

warn contains finding if {
	some entry in target.aideployments
	entry.contents.spec.isolation.sandbox == "container"
	path := ["spec", "isolation", "sandbox"]
	text := "a plain container shares the host kernel; prefer gvisor, kata or firecracker"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

# Each AIDeployment with what it declares and what runs the workloads it links to, once.
_declared contains declared if {
	some entry in target.aideployments
	keys := {workloads.key(workload) | some workload in workloads.linked(entry)}
	declared := {
		"entry": entry,
		"isolation": object.get(entry.contents, ["spec", "isolation"], {}),
		"workloads": keys,
		"runtimes": {runtime | some runtime in pod_security.runtimes; runtime.key in keys},
	}
}

_contradicts(runtime, _) if runtime.state in {"none", "unsandboxed"}

_contradicts(runtime, sandbox) if {
	runtime.state == "sandboxed"
	not sandbox in runtime.families
}

_actual(runtime) := sprintf("pods of %s run in the node's default runtime", [_workload(runtime)]) if {
	runtime.state == "none"
} else := sprintf("pods of %s run in RuntimeClass %v, whose handler is %s", [
	_workload(runtime), runtime.class,
	concat(", ", runtime.handlers),
])

_workload(runtime) := sprintf("%s %s", [runtime.workload.kind, runtime.workload.name])

# Every declaration this control can check is confirmed by objects of the target or context: a
# linked workload (host access judged on it) whose RuntimeClass handler is the declared sandbox.
_confirmed contains declared if {
	some declared in _declared
	count(declared.runtimes) > 0
	every runtime in declared.runtimes {
		_matches(runtime, declared.isolation.sandbox)
	}
}

_matches(runtime, sandbox) if {
	runtime.state == "sandboxed"
	sandbox in runtime.families
}

_matches(_, "container")

_name(entry) := sprintf("AIDeployment %s", [workloads.object_name(entry.contents)])
