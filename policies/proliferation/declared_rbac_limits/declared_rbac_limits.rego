# METADATA
# title: Declared proliferation limits and identity agree with the workload's effective RBAC
# description: >-
#   Compares what an AIDeployment declares with what the Kubernetes objects of the same target
#   show. spec.identity.serviceAccount must be the ServiceAccount the declared workload
#   (spec.workload kind and name) runs as, and every spec.proliferation flag declared false
#   (maySpawnAgents, maySpawnProcesses, mayAcquireCompute, mayAcquireCredentials,
#   mayModifyOwnCode; params rbac.declared_flags) must hold for that ServiceAccount's effective
#   RBAC (riskreg.lib.rbac): a grant that creates or scales workloads, execs into pods, reads
#   every Secret or requests tokens contradicts it. Agreement with the workload in the target is
#   verified; a declaration without its workload in the target is only attested. A binding
#   whose role is in neither the target nor the context fails as undetermined.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: PROL-004
#   severity: high
#   version: 2
#   mitigates: [mit1158.m1]
#   kinds: [AIDeployment, "*", Role, ClusterRole, RoleBinding, ClusterRoleBinding]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7, MANAGE 2.4]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.proliferation.declared_rbac_limits

import data.riskreg.lib.input as target
import data.riskreg.lib.rbac
import data.riskreg.lib.result
import data.riskreg.lib.workloads as wl
import data.riskreg_params as params

# METADATA
# scope: document
# description: >-
#   An AIDeployment whose workload is in the target is verified against its real RBAC; one
#   without it rests on its own declaration (attested).
checked contains result.verified(link.entry) if some link in _links

checked contains result.attested(entry) if {
	some entry in target.aideployments
	not _linked(entry.path, entry.index)
}

deny contains finding if {
	some link in _links
	entry := link.entry
	workload := link.workload
	declared := entry.contents.spec.identity.serviceAccount
	is_string(declared)
	workload.service_account != declared
	runs := sprintf("%s %s runs as ServiceAccount %s", [workload.kind, workload.name, workload.service_account])
	text := sprintf("spec.identity.serviceAccount declares %s, but %s", [declared, runs])
	finding := result.make(rego.metadata.chain(), entry, ["spec", "identity", "serviceAccount"], text)
}

deny contains finding if {
	count(rbac.capabilities) > 0
	some link in _links
	entry := link.entry
	workload := link.workload
	account := concat("/", [workload.namespace, workload.service_account])
	held := [capability | some capability in rbac.capabilities; capability.grant.account == account]
	count(held) > 0
	some flag, classes in params.rbac.declared_flags
	entry.contents.spec.proliferation[flag] == false
	found := {capability |
		some capability in held
		capability.class in classes
	}
	count(found) > 0
	permissions := {permission | some capability in found; some permission in capability.permissions}
	through := {rbac.describe(capability.grant) | some capability in found}
	text := sprintf("spec.proliferation.%s is false, but ServiceAccount %s of %s %s can %s (%s)", [
		flag, account, workload.kind, workload.name, rbac.permissions_text(permissions),
		concat("; ", sort(through)),
	])
	finding := result.make(rego.metadata.chain(), entry, ["spec", "proliferation", flag], text)
}

deny contains finding if {
	some reach in rbac.missing
	some link in _links
	entry := link.entry
	account := concat("/", [link.workload.namespace, link.workload.service_account])
	reach.account == account
	some flag, _ in params.rbac.declared_flags
	entry.contents.spec.proliferation[flag] == false
	role := concat(" ", [reach.binding.ref.kind, reach.binding.ref.name])
	how := rbac.describe_binding(reach.binding, reach.via)
	where := "is in neither the target nor the context"
	text := sprintf("whether spec.proliferation.%s holds: %s, bound to %s (%s), %s", [flag, role, account, how, where])
	finding := result.undetermined(rego.metadata.chain(), entry, ["spec", "proliferation", flag], text)
}

# Each AIDeployment with a pod spec of the workload it declares (spec.workload kind and name,
# in the AIDeployment's namespace). An array: its items hold whole documents, which a set would
# hash.
_links := [{"entry": entry, "workload": workload} |
	some entry in target.aideployments
	declared := entry.contents.spec.workload
	namespace := object.get(entry.contents.metadata, "namespace", "default")
	some workload in wl.pod_specs
	workload.kind == declared.kind
	workload.name == declared.name
	workload.namespace == _namespace(namespace)
]

# An AIDeployment in no namespace (or "") is in `default`, as riskreg.lib.workloads says.
_namespace(namespace) := namespace if {
	is_string(namespace)
	namespace != ""
} else := "default"

_linked(path, index) if {
	some link in _links
	link.entry.path == path
	link.entry.index == index
}
