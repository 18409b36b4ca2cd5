# METADATA
# title: The AIDeployment names the workload and ServiceAccount that run it
# description: >-
#   Checks that an AIDeployment links to its Kubernetes workload and ServiceAccount and, when
#   the target holds Kubernetes workloads, that the named workload is among them and runs as the
#   named ServiceAccount. Without the link, the declared identity and the cluster identity the
#   controls check can silently differ.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: K8S-002
#   severity: low
#   version: 1
#   mitigates: [mit1163.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MAP 4.1]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.7]
package riskreg.k8s.workload_link

import data.riskreg.lib.input as target
import data.riskreg.lib.k8s
import data.riskreg.lib.result

# The link is verified against the target's workloads when it holds any, else only declared.
checked contains result.verified(entry) if {
	count(k8s.workloads) > 0
	some entry in target.aideployments
}

checked contains result.attested(entry) if {
	count(k8s.workloads) == 0
	some entry in target.aideployments
}

deny contains finding if {
	some entry in target.aideployments
	not is_string(object.get(entry.contents, ["spec", "workload", "name"], null))
	path := ["spec", "workload"]
	text := "no Kubernetes workload is linked"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	count(k8s.workloads) > 0
	some entry in target.aideployments
	link := entry.contents.spec.workload
	count(_linked(entry, link)) == 0
	text := sprintf("workload %v %v is not in this target", [object.get(link, "kind", "Deployment"), link.name])
	finding := result.make(rego.metadata.chain(), entry, ["spec", "workload", "name"], text)
}

deny contains finding if {
	some entry in target.aideployments
	link := entry.contents.spec.workload
	some workload in _linked(entry, link)
	is_string(link.serviceAccountName)
	workload.service_account != link.serviceAccountName
	text := sprintf("workload runs as ServiceAccount %v, not %v", [workload.service_account, link.serviceAccountName])
	finding := result.make(rego.metadata.chain(), entry, ["spec", "workload", "serviceAccountName"], text)
}

_linked(entry, link) := {workload |
	some workload in k8s.workloads
	workload.kind == object.get(link, "kind", "Deployment")
	workload.name == link.name
	workload.namespace == k8s.namespace(entry.contents)
}
