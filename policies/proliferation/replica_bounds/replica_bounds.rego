# METADATA
# title: Replicas and autoscalers stay under the compute ceiling
# description: >-
#   Checks that no workload can run more pods than the ceiling of params workloads.max_replicas:
#   replicas (and minReplicas, maxReplicas, maxReplicaCount, a Job's parallelism) beside any pod
#   template, custom resources included; HorizontalPodAutoscalers' maxReplicas; KEDA
#   ScaledObjects' and ScaledJobs' maxReplicaCount (KEDA's default of 100 when unset); and
#   autoscalers in the context that scale one of the target's workloads. A DaemonSet, one pod per
#   node, is bounded by the cluster rather than the manifest and fails. Scaling out is how an AI
#   workload acquires compute; a value that is not a number cannot be judged and fails.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/
#     description: Horizontal Pod Autoscaling
# custom:
#   id: PROL-003
#   severity: high
#   version: 1
#   mitigates: [mit1158.m1, mit1158.m2]
#   kinds: ["*", HorizontalPodAutoscaler, ScaledObject, ScaledJob]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.proliferation.replica_bounds

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

# METADATA
# scope: document
# description: Every workload and autoscaler of the target is judged from its real configuration.
checked contains item if some item in workloads.checked

checked contains result.verified(scaler.entry) if {
	some scaler in pod_security.scalers
	scaler.own
}

deny contains finding if {
	some item in pod_security.replica_excess
	not item.undetermined
	finding := result.make(rego.metadata.chain(), item.entry, item.path, item.text)
}

deny contains finding if {
	some item in pod_security.replica_excess
	item.undetermined
	finding := result.undetermined(rego.metadata.chain(), item.entry, item.path, item.text)
}
