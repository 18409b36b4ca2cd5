# METADATA
# title: Workload pods run in a sandboxed runtime class
# description: >-
#   Checks that every workload pod sets runtimeClassName to a sandboxing runtime (gVisor, Kata
#   Containers or Firecracker), the Kubernetes expression of the AIDeployment's sandbox. Without
#   one the AI workload shares the node's kernel with everything else on it.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: ISO-004
#   severity: medium
#   version: 1
#   mitigates: [mit1158.m2]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.runtime_class

import data.riskreg.lib.k8s
import data.riskreg.lib.result

_sandboxed := {"gvisor", "runsc", "kata", "kata-qemu", "kata-clh", "kata-fc", "kata-containers", "firecracker"}

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some workload in k8s.workloads
	not object.get(workload.spec, "runtimeClassName", "") in _sandboxed
	path := array.concat(workload.path, ["runtimeClassName"])
	text := sprintf("pods of %s %s do not run in a sandboxed runtime class", [workload.kind, workload.name])
	finding := result.make(rego.metadata.chain(), workload.entry, path, text)
}
