# METADATA
# title: Workload pods share nothing with the host
# description: >-
#   Checks that no workload pod uses the host's network, PID or IPC namespace, mounts a hostPath
#   volume or runs a privileged container. Each of these breaks the sandbox boundary between the
#   AI workload and the node it runs on.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: ISO-002
#   severity: critical
#   version: 1
#   mitigates: [mit1158.m2]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.host_namespaces

import data.riskreg.lib.k8s
import data.riskreg.lib.result

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some workload in k8s.workloads
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	workload.spec[field] == true
	path := array.concat(workload.path, [field])
	text := sprintf("pods use the host's namespace (%s)", [field])
	finding := result.make(rego.metadata.chain(), workload.entry, path, text)
}

deny contains finding if {
	some workload in k8s.workloads
	some i, volume in workload.spec.volumes
	volume.hostPath
	path := array.concat(workload.path, ["volumes", i, "hostPath"])
	text := sprintf("volume %v mounts a host path", [volume.name])
	finding := result.make(rego.metadata.chain(), workload.entry, path, text)
}

deny contains finding if {
	some item in k8s.containers
	item.container.securityContext.privileged == true
	path := array.concat(item.path, ["securityContext", "privileged"])
	text := sprintf("container %v is privileged", [item.container.name])
	finding := result.make(rego.metadata.chain(), item.workload.entry, path, text)
}
