# METADATA
# title: Workload pods are selected by a NetworkPolicy that restricts egress
# description: >-
#   Checks that the pods of every workload are selected (matchLabels and matchExpressions) by a
#   NetworkPolicy of the same namespace and target that restricts egress, and that no such
#   policy has an egress rule open to every destination and port. This is the Kubernetes
#   expression of default-deny outbound allowlisting.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: NET-003
#   severity: high
#   version: 1
#   mitigates: [mit1163.m2]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.network.egress_network_policy

import data.riskreg.lib.k8s
import data.riskreg.lib.result

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some workload in k8s.workloads
	count({policy | some policy in k8s.network_policies_for(workload); k8s.restricts_egress(policy.contents)}) == 0
	text := sprintf("pods of %s %s are not selected by a NetworkPolicy restricting egress", [workload.kind, workload.name])
	finding := result.make(rego.metadata.chain(), workload.entry, workload.labels_path, text)
}

deny contains finding if {
	some workload in k8s.workloads
	some policy in k8s.network_policies_for(workload)
	k8s.restricts_egress(policy.contents)
	some i in k8s.open_egress_rules(policy.contents)
	text := sprintf("egress rule allows every destination on every port for %s %s", [workload.kind, workload.name])
	finding := result.make(rego.metadata.chain(), policy, ["spec", "egress", i], text)
}
