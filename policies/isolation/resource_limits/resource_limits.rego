# METADATA
# title: Every container has bounded cpu and memory, and accelerators are requested as limited
# description: >-
#   Checks that every container (init and KServe serving containers included) has an effective
#   cpu and memory limit - its own, its pod's (pod-level resources) or its namespace's
#   LimitRange default, from the target or the context - above zero (Kubernetes then requests
#   what it limits), and that an accelerator (GPU, TPU...) is requested exactly as much as it is
#   limited. An unbounded AI workload can take a node's compute, the resource its
#   proliferation would need first.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
#     description: Resource Management for Pods and Containers
# custom:
#   id: ISO-007
#   severity: medium
#   version: 1
#   mitigates: [mit1158.m2]
#   kinds: ["*", LimitRange]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.resource_limits

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains item if some item in workloads.checked

deny contains finding if {
	some item in pod_security.unbounded_resources
	not item.undetermined
	finding := result.make(rego.metadata.chain(), item.entry, item.path, item.text)
}

deny contains finding if {
	some item in pod_security.unbounded_resources
	item.undetermined
	finding := result.undetermined(rego.metadata.chain(), item.entry, item.path, item.text)
}
