# METADATA
# title: The workload's ServiceAccount holds least-privilege RBAC
# description: >-
#   Judges the effective RBAC of each workload's ServiceAccount (riskreg.lib.rbac: every binding
#   of the target, its context and Kubernetes' built-in policy that reaches the account by its
#   name, its User name or its groups, with roles resolved through built-in roles and
#   aggregation). No rule may apply in every namespace (a ClusterRoleBinding), use a wildcard, or
#   open a privilege-escalation path of Kubernetes' RBAC good practices (params
#   rbac.least_privilege_classes: escalate and bind, impersonate, certificate signing and
#   approval, nodes/proxy and node changes, pod port-forward and proxy, admission webhooks and
#   policies, namespace relabelling, PersistentVolume creation). Rules granting only what every
#   identity holds by Kubernetes' defaults (API discovery, self reviews) are judged by what they
#   allow and pass. Every binding of the target is also judged on its own: none may grant more
#   than those defaults to a subject that stands for everyone (params rbac.public_subjects: the
#   unauthenticated group, the anonymous user, every authenticated identity, every
#   ServiceAccount), whichever workload runs as what. A binding whose role is in neither the
#   target nor the context fails as undetermined.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#     description: Kubernetes, RBAC good practices (privilege escalation risks)
# custom:
#   id: IAM-004
#   severity: high
#   version: 3
#   mitigates: [mit1163.m1]
#   kinds: ["*", Role, ClusterRole, RoleBinding, ClusterRoleBinding]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.identity.rbac_least_privilege

import data.riskreg.lib.rbac
import data.riskreg.lib.result
import data.riskreg.lib.workloads as wl
import data.riskreg_params as params

# METADATA
# scope: document
# description: >-
#   Every workload of the target is judged from the RBAC its ServiceAccount really holds, and
#   every binding of the target by whom it grants what (named when there is no workload).
checked contains result.verified(workload.entry) if some workload in wl.pod_specs

checked contains result.verified(rbac.entry(binding.id)) if {
	count(wl.pod_specs) == 0
	some binding in rbac.bindings
	binding.source == "target"
}

deny contains finding if {
	some grant in rbac.judged
	grant.scope == ""
	some workload in wl.pod_specs
	account := concat("/", [workload.namespace, workload.service_account])
	grant.account == account
	site := rbac.binding_site(grant, workload)
	text := sprintf("ServiceAccount %s holds %s %s in every namespace (%s)", [
		account, grant.role.kind, grant.role.name,
		rbac.describe_binding(grant.binding, grant.via),
	])
	finding := result.make(rego.metadata.chain(), site.entry, site.path, text)
}

deny contains finding if {
	some grant in rbac.judged
	some field in rbac.grant_wildcards(grant)
	some workload in wl.pod_specs
	account := concat("/", [workload.namespace, workload.service_account])
	grant.account == account
	site := rbac.rule_site(grant, workload)
	text := sprintf("ServiceAccount %s is granted a wildcard in %s (%s)", [account, field, rbac.describe(grant)])
	finding := result.make(rego.metadata.chain(), site.entry, _field_path(site, grant, field), text)
}

deny contains finding if {
	some capability in rbac.capabilities
	capability.class in params.rbac.least_privilege_classes
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

deny contains finding if {
	some [binding, subjects] in _public_bindings
	some i, key in subjects
	granted := {definition.role.name |
		some definition in rbac.resolved(binding)
		some rule in definition.rules
		is_object(rule)
		not rbac.harmless(rule)
	}
	count(granted) > 0
	text := sprintf("%s grants more than discovery to %s, which stands for everyone (rules of %s)", [
		rbac.describe_binding(binding, ""), _subject_text(key),
		concat(", ", sort(granted)),
	])
	finding := result.make(rego.metadata.chain(), rbac.entry(binding.id), ["subjects", i], text)
}

deny contains finding if {
	some [binding, subjects] in _public_bindings
	some i, key in subjects
	rbac.valid_ref(binding)
	count(rbac.resolved(binding)) == 0
	role := concat(" ", [binding.ref.kind, binding.ref.name])
	text := sprintf("%s, bound to %s, is in neither the target nor the context", [role, _subject_text(key)])
	finding := result.undetermined(rego.metadata.chain(), rbac.entry(binding.id), ["subjects", i], text)
}

# The target's bindings with a subject that stands for everyone, each with those subjects
# (computed once for both rules that read them; an array, since bindings are large).
_public_bindings := [[binding, subjects] |
	some binding in rbac.bindings
	binding.source == "target"
	subjects := _public_subjects(binding)
	count(subjects) > 0
]

# The indexes and keys of a binding's subjects that stand for everyone.
_public_subjects(binding) := {i: key |
	subjects := rbac.entry(binding.id).contents.subjects
	is_array(subjects)
	some i, subject in subjects
	key := rbac.subject_key(subject, binding.namespace)
	key in params.rbac.public_subjects
}

_subject_text(key) := concat(" ", [kind, substring(key, count(kind) + 1, -1)]) if {
	kind := split(key, ":")[0]
}

# A wildcard in the target's own role points at the field; elsewhere at the binding or workload.
_field_path(site, grant, field) := array.concat(site.path, [field]) if {
	grant.role.source == "target"
} else := site.path
