# METADATA
# title: The workload cannot create, change or scale workloads, or acquire credentials, through RBAC
# description: >-
#   Judges the effective RBAC of each workload's ServiceAccount (riskreg.lib.rbac: every binding
#   of the target, its context and Kubernetes' built-in policy that reaches the account by its
#   name, its User name or its groups, with roles resolved through built-in roles and
#   aggregation). It may not create or change anything that runs pods (Pods,
#   ReplicationControllers, the apps and batch controllers and the custom resources of common AI
#   platforms), run processes in other pods (exec, attach, ephemeral containers), acquire compute
#   (scale subresources, autoscalers, quotas), or acquire credentials (read every Secret, request
#   ServiceAccount tokens, impersonate); params rbac.proliferation_classes. Wildcards count;
#   a Role that reads one named Secret does not. A binding whose role is in neither the target
#   nor the context fails as undetermined.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Kubernetes, RBAC good practices (workload creation, secrets, token request)
# custom:
#   id: PROL-002
#   severity: critical
#   version: 3
#   mitigates: [mit1158.m1]
#   kinds: ["*", Role, ClusterRole, RoleBinding, ClusterRoleBinding]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15, Article 55]
#     iso_iec_42001: [A.6.2.5]
package riskreg.proliferation.workload_creation_rbac

import data.riskreg.lib.rbac
import data.riskreg.lib.result
import data.riskreg.lib.workloads as wl
import data.riskreg_params as params

# METADATA
# description: Every workload of the target is judged from the RBAC its ServiceAccount really holds.
checked contains result.verified(workload.entry) if some workload in wl.pod_specs

deny contains finding if {
	some capability in rbac.capabilities
	capability.class in params.rbac.proliferation_classes
	some workload in wl.pod_specs
	account := concat("/", [workload.namespace, workload.service_account])
	capability.grant.account == account
	grant := capability.grant
	site := rbac.rule_site(grant, workload)
	text := sprintf("ServiceAccount %s has %s: %s (%s)", [
		account, rbac.class_text(capability.class), rbac.permissions_text(capability.permissions),
		rbac.describe(grant),
	])
	finding := result.make(rego.metadata.chain(), site.entry, site.path, text)
}

deny contains finding if {
	some reach in rbac.missing
	some workload in wl.pod_specs
	account := concat("/", [workload.namespace, workload.service_account])
	reach.account == account
	site := rbac.missing_site(reach, workload)
	text := sprintf("%s %s, bound to ServiceAccount %s (%s), is in neither the target nor the context", [
		reach.binding.ref.kind, reach.binding.ref.name, account,
		rbac.describe_binding(reach.binding, reach.via),
	])
	finding := result.undetermined(rego.metadata.chain(), site.entry, site.path, text)
}
