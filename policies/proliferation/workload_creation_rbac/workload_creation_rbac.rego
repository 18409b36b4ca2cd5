# METADATA
# title: The workload cannot create workloads or read credentials through RBAC
# description: >-
#   Checks the RBAC rules bound to each workload's ServiceAccount: none may allow creating,
#   patching or updating pods, deployments, replicasets, statefulsets, daemonsets, jobs or
#   cronjobs (directly or through wildcards), reading secrets, or requesting ServiceAccount
#   tokens. Those permissions are how an AI workload would start copies of itself or acquire
#   credentials inside the cluster.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: PROL-002
#   severity: critical
#   version: 1
#   mitigates: [mit1158.m1]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15, Article 55]
#     iso_iec_42001: [A.6.2.5]
package riskreg.proliferation.workload_creation_rbac

import data.riskreg.lib.k8s
import data.riskreg.lib.result

_workload_resources := {
	["", "pods"], ["apps", "deployments"], ["apps", "replicasets"], ["apps", "statefulsets"],
	["apps", "daemonsets"], ["batch", "jobs"], ["batch", "cronjobs"],
}

_credential_access := {
	["get", "secrets"], ["list", "secrets"], ["watch", "secrets"],
	["create", "serviceaccounts/token"],
}

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some workload in k8s.workloads
	some grant in k8s.grants_for(workload)
	resources := {resource |
		some [group, resource] in _workload_resources
		some verb in ["create", "patch", "update"]
		k8s.rule_allows(grant.rule, verb, group, resource)
	}
	count(resources) > 0
	account := sprintf("%s/%s", [workload.namespace, workload.service_account])
	text := sprintf("ServiceAccount %s can create or modify %s", [account, concat(", ", sort(resources))])
	finding := result.make(rego.metadata.chain(), grant.role, grant.path, text)
}

deny contains finding if {
	some workload in k8s.workloads
	some grant in k8s.grants_for(workload)
	access := {sprintf("%s %s", [verb, resource]) |
		some [verb, resource] in _credential_access
		k8s.rule_allows(grant.rule, verb, "", resource)
	}
	count(access) > 0
	account := sprintf("%s/%s", [workload.namespace, workload.service_account])
	text := sprintf("ServiceAccount %s can acquire credentials (%s)", [account, concat(", ", sort(access))])
	finding := result.make(rego.metadata.chain(), grant.role, grant.path, text)
}
