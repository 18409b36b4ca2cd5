# METADATA
# title: Workload pods share nothing with the host
# description: >-
#   Checks, on the effective pod specs of every workload (any kind with a pod template, init and
#   ephemeral containers included), the host-facing controls of the Pod Security Standards'
#   baseline profile: no host network, PID or IPC namespace, no privileged container, no
#   hostPath volume (nor a claim bound to a PersistentVolume on a node's disk), no host port, no
#   Windows HostProcess container, and no probe or lifecycle hook aimed at a host. Each of these
#   breaks the boundary between the AI workload and the node it runs on.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/
#     description: Pod Security Standards, baseline profile
# custom:
#   id: ISO-002
#   severity: critical
#   version: 2
#   mitigates: [mit1158.m2]
#   kinds: ["*"]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.host_namespaces

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

_families := {"host_namespaces", "privileged", "host_path", "host_ports", "host_process", "host_probes"}

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains item if some item in workloads.checked

deny contains finding if {
	some violation in pod_security.violations
	violation.family in _families
	finding := result.make(rego.metadata.chain(), violation.entry, violation.path, violation.text)
}
