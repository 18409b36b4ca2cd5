# METADATA
# title: Containers run under the kernel's confinement (seccomp, AppArmor, SELinux, /proc masks, safe sysctls)
# description: >-
#   Checks, on the effective settings of every pod and container (init, ephemeral and KServe
#   serving containers included), the kernel confinement controls of the Pod Security
#   Standards' restricted profile: a RuntimeDefault or Localhost seccomp profile on the pod or
#   on every container (never Unconfined, nor an annotation asking for it), no unconfined
#   AppArmor profile (field or annotation), SELinux only with a container type and no custom
#   user or role, the default /proc masks, and only the safe, namespaced sysctls. Each one left
#   open widens the kernel surface an AI workload can use to leave its sandbox.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Pod Security Standards, restricted profile
# custom:
#   id: ISO-005
#   severity: high
#   version: 1
#   mitigates: [mit1158.m2]
#   kinds: ["*"]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.kernel_confinement

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

_families := {"seccomp", "apparmor", "selinux", "proc_mount", "sysctls"}

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains item if some item in workloads.checked

deny contains finding if {
	some violation in pod_security.violations
	violation.family in _families
	finding := result.make(rego.metadata.chain(), violation.entry, violation.path, violation.text)
}
