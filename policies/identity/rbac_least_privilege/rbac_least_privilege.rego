# METADATA
# title: The workload's ServiceAccount has no cluster-wide or wildcard RBAC
# description: >-
#   Checks the Roles and ClusterRoles bound to each workload's ServiceAccount in the same
#   target: none may be bound through a ClusterRoleBinding (cluster-wide) and no rule may use
#   `*` for verbs, resources or API groups (cluster-admin included). Least privilege for the AI
#   workload's cluster identity.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: IAM-004
#   severity: high
#   version: 1
#   mitigates: [mit1163.m1]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.identity.rbac_least_privilege

import data.riskreg.lib.k8s
import data.riskreg.lib.result

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some workload in k8s.workloads
	some grant in k8s.grants_for(workload)
	grant.cluster_wide
	account := sprintf("%s/%s", [workload.namespace, workload.service_account])
	role := grant.binding.contents.roleRef.name
	text := sprintf("ServiceAccount %s is bound cluster-wide to ClusterRole %v", [account, role])
	finding := result.make(rego.metadata.chain(), grant.binding, ["roleRef"], text)
}

deny contains finding if {
	some workload in k8s.workloads
	some grant in k8s.grants_for(workload)
	is_object(grant.rule)
	some field in ["verbs", "resources", "apiGroups"]
	"*" in object.get(grant.rule, field, [])
	text := sprintf("ServiceAccount %s/%s is granted * %s", [workload.namespace, workload.service_account, field])
	path := array.concat(grant.path, [field])
	finding := result.make(rego.metadata.chain(), grant.role, path, text)
}
