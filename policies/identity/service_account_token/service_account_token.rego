# METADATA
# title: Workload pods hold no Kubernetes API token
# description: >-
#   Checks that the pods of every workload hold no token for the Kubernetes API: the automounted
#   one is off (automountServiceAccountToken false on the pod, or, when the pod sets nothing, on
#   its ServiceAccount, looked up in the target and the context; when neither holds it the
#   verdict fails closed), and no volume carries one anyway - a projected serviceAccountToken
#   for the API server's audience (params pod_security.api_audiences; no audience means the API
#   server's) or a Secret of type kubernetes.io/service-account-token. An AI workload holding an
#   API token can query and change the cluster with its ServiceAccount's rights, beyond what its
#   function needs.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
#     description: Configure Service Accounts for Pods
# custom:
#   id: IAM-003
#   severity: medium
#   version: 2
#   mitigates: [mit1163.m1, mit1158.m2]
#   kinds: ["*", ServiceAccount, Secret]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.identity.service_account_token

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

# METADATA
# description: Every workload of the target is judged from its real pod spec and ServiceAccount.
checked contains item if some item in workloads.checked

deny contains finding if {
	some token in pod_security.api_tokens
	not token.undetermined
	finding := result.make(rego.metadata.chain(), token.entry, token.path, token.text)
}

deny contains finding if {
	some token in pod_security.api_tokens
	token.undetermined
	finding := result.undetermined(rego.metadata.chain(), token.entry, token.path, token.text)
}
