# METADATA
# title: Pods mount only the volume types of the restricted profile
# description: >-
#   Checks that every volume of every workload's pods is of a type the Pod Security Standards'
#   restricted profile allows (configMap, csi, downwardAPI, emptyDir, ephemeral,
#   persistentVolumeClaim, projected, secret). The others (hostPath, nfs, iscsi, flexVolume,
#   gitRepo, cloud disks...) reach storage the cluster administrator did not provision through
#   a PersistentVolume, outside the boundary the AI workload is meant to stay in.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Pod Security Standards, restricted profile, Volume Types
# custom:
#   id: ISO-006
#   severity: medium
#   version: 1
#   mitigates: [mit1158.m2]
#   kinds: ["*"]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.volume_types

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains item if some item in workloads.checked

deny contains finding if {
	some violation in pod_security.violations
	violation.family == "volume_types"
	finding := result.make(rego.metadata.chain(), violation.entry, violation.path, violation.text)
}
