# METADATA
# title: The AI system runs in a sandbox without host or critical-infrastructure access
# description: >-
#   Checks that an AIDeployment runs the system in a sandbox stronger than a plain container
#   (gVisor, Kata or Firecracker), without host access and isolated from critical network
#   infrastructure. Isolation counters proliferation that relies on reaching outside compute or
#   resources. A plain container is reported as a warning.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: ISO-001
#   severity: high
#   version: 1
#   mitigates: [mit1158.m2]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.isolation.sandbox

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	sandbox := object.get(entry.contents, ["spec", "isolation", "sandbox"], "none")
	not sandbox in {"gvisor", "kata", "firecracker", "container"}
	path := ["spec", "isolation", "sandbox"]
	text := "the system runs without a sandbox"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some field, what in {"hostAccess": "the host", "criticalInfrastructureAccess": "critical network infrastructure"}
	object.get(entry.contents, ["spec", "isolation", field], null) != false
	path := ["spec", "isolation", field]
	text := sprintf("the system is not isolated from %s", [what])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

warn contains finding if {
	some entry in target.aideployments
	entry.contents.spec.isolation.sandbox == "container"
	path := ["spec", "isolation", "sandbox"]
	text := "a plain container shares the host kernel; prefer gvisor, kata or firecracker"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
