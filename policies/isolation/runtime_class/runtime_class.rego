# METADATA
# title: Workload pods run in a sandboxed runtime, by the RuntimeClass's handler
# description: >-
#   Checks that every workload's pods name a RuntimeClass whose handler - the runtime the node
#   really runs, not the class's name - is a sandbox of params pod_security.sandbox_handlers
#   (gVisor's runsc, Kata Containers, Firecracker). A RuntimeClass named gvisor whose handler is
#   runc is a plain container. The RuntimeClass is looked up in the target and the context; when
#   neither holds it, the verdict cannot be reached and fails closed, naming the missing object.
#   Without a sandbox the AI workload shares the node's kernel with everything else on it.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/concepts/containers/runtime-class/
#     description: Kubernetes RuntimeClass
# custom:
#   id: ISO-004
#   severity: medium
#   version: 2
#   mitigates: [mit1158.m2]
#   kinds: ["*", RuntimeClass]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.runtime_class

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

# METADATA
# description: Every workload of the target is judged from its pod spec and its RuntimeClass.
checked contains item if some item in workloads.checked

deny contains finding if {
	some runtime in pod_security.runtimes
	runtime.state == "none"
	text := sprintf("pods of %s run in the node's default runtime: no runtimeClassName names a sandbox", [_name(runtime)])
	finding := result.make(rego.metadata.chain(), runtime.workload.entry, runtime.path, text)
}

deny contains finding if {
	some runtime in pod_security.runtimes
	runtime.state == "unsandboxed"
	text := sprintf("pods of %s run in RuntimeClass %v, whose handler %s is not a sandbox (%s)", [
		_name(runtime), runtime.class,
		concat(", ", runtime.handlers),
		concat(", ", {entry.path | some entry in pod_security.runtime_classes(runtime.class)}),
	])
	finding := result.make(rego.metadata.chain(), runtime.workload.entry, runtime.path, text)
}

deny contains finding if {
	some runtime in pod_security.runtimes
	runtime.state == "missing"
	text := sprintf("pods of %s name RuntimeClass %v, which is neither in the target nor in the context: %s", [
		_name(runtime), runtime.class,
		"its handler decides whether they are sandboxed (add it, or pass its folder with --context)",
	])
	finding := result.undetermined(rego.metadata.chain(), runtime.workload.entry, runtime.path, text)
}

_name(runtime) := sprintf("%s %s", [runtime.workload.kind, runtime.workload.name])
