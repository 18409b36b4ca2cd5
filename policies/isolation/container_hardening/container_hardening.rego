# METADATA
# title: Containers run as non-root, without added capabilities or privilege escalation, on a read-only root
# description: >-
#   Checks, on the effective security context of every container (its own, else its pod's; init,
#   ephemeral and KServe serving containers included), the privilege controls of the Pod
#   Security Standards' restricted profile: runAsNonRoot true and never user 0, every
#   capability dropped (the exact value ALL) with none added but NET_BIND_SERVICE, and
#   allowPrivilegeEscalation false; and a read-only root filesystem. A writable root filesystem
#   lets the AI workload change its own code at run time; root, capabilities and privilege
#   escalation let it leave its sandbox.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Pod Security Standards, restricted profile
# custom:
#   id: ISO-003
#   severity: high
#   version: 2
#   mitigates: [mit1158.m2, mit1158.m1]
#   kinds: ["*"]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.container_hardening

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

_families := {
	"run_as_non_root", "run_as_user", "capabilities", "privilege_escalation",
	"read_only_root_filesystem",
}

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains item if some item in workloads.checked

deny contains finding if {
	some violation in pod_security.violations
	violation.family in _families
	finding := result.make(rego.metadata.chain(), violation.entry, violation.path, violation.text)
}
