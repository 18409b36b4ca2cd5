# METADATA
# title: Workload pods do not mount a ServiceAccount token
# description: >-
#   Checks that the pods of every workload opt out of the automatically mounted Kubernetes API
#   token, on the pod spec or on the ServiceAccount they run as. An AI workload holding an API
#   token can query and change the cluster with its ServiceAccount's rights, beyond what its
#   function needs.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: IAM-003
#   severity: medium
#   version: 1
#   mitigates: [mit1163.m1, mit1158.m2]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.identity.service_account_token

import data.riskreg.lib.k8s
import data.riskreg.lib.result

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some workload in k8s.workloads
	_automounted(workload)
	path := array.concat(workload.path, ["automountServiceAccountToken"])
	text := sprintf("pods mount the API token of ServiceAccount %s", [workload.service_account])
	finding := result.make(rego.metadata.chain(), workload.entry, path, text)
}

_automounted(workload) if workload.spec.automountServiceAccountToken == true

_automounted(workload) if {
	not "automountServiceAccountToken" in object.keys(workload.spec)
	not _disabled_by_service_account(workload)
}

_disabled_by_service_account(workload) if {
	some account in k8s.service_accounts_for(workload)
	account.contents.automountServiceAccountToken == false
}
