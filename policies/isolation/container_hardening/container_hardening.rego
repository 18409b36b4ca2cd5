# METADATA
# title: Containers have a read-only root filesystem and no privilege escalation
# description: >-
#   Checks that every container, init and ephemeral ones included, sets readOnlyRootFilesystem
#   to true and allowPrivilegeEscalation to false. A writable root filesystem lets the AI
#   workload change its own code at run time; privilege escalation lets it leave its sandbox.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: ISO-003
#   severity: high
#   version: 1
#   mitigates: [mit1158.m2, mit1158.m1]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.container_hardening

import data.riskreg.lib.k8s
import data.riskreg.lib.result

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some item in k8s.containers
	object.get(item.container, ["securityContext", "readOnlyRootFilesystem"], null) != true
	path := array.concat(item.path, ["securityContext", "readOnlyRootFilesystem"])
	text := sprintf("container %v has a writable root filesystem", [item.container.name])
	finding := result.make(rego.metadata.chain(), item.workload.entry, path, text)
}

deny contains finding if {
	some item in k8s.containers
	object.get(item.container, ["securityContext", "allowPrivilegeEscalation"], null) != false
	path := array.concat(item.path, ["securityContext", "allowPrivilegeEscalation"])
	text := sprintf("container %v allows privilege escalation", [item.container.name])
	finding := result.make(rego.metadata.chain(), item.workload.entry, path, text)
}
