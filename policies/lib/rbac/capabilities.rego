package riskreg.lib.rbac

import data.riskreg.lib.rbac.bootstrap
import data.riskreg_params as params

# METADATA
# description: >-
#   What the accounts can do, by capability class (params rbac.capabilities over the resources
#   of params rbac.resource_sets), as {class, grant, permissions} (the account is
#   grant.account): permissions the "verb
#   resource" pairs (kubectl's resource form, "create deployments.apps") the grant allows in
#   that class. A grant narrowed by resourceNames counts only where the class says `named:
#   true`, and never for creating a top-level object or deletecollection (Kubernetes cannot
#   narrow those by name); cluster-scoped resources count only through a ClusterRoleBinding.
capabilities := array.concat(_capabilities_listed, _capabilities_everything)

_capabilities_listed := [capability |
	some grant in judged
	not _everything(grant.rule)
	covered := _covered(grant.rule, object.get(grant, "kubectl", null))
	count(covered) > 0
	verbs := _array(grant.rule, "verbs")
	names := _array(grant.rule, "resourceNames")
	some class, permissions in params.rbac.capabilities
	found := {concat(" ", [verb, resource]) |
		some permission in permissions
		some set in permission.sets
		some resource in _in_set(covered, params.rbac.resource_sets[set])
		some verb in permission.verbs
		_any_matches(verbs, verb)
		_scope_allows(grant.scope, resource)
		_names_allow(names, verb, resource, object.get(permission, "named", false))
	}
	count(found) > 0
	capability := {"class": class, "grant": grant, "permissions": found}
]

# A rule of `*` verbs on `*` resources of `*` groups, unnarrowed, has every capability there
# is in its scope; saying so is cheaper and clearer than listing each.
_capabilities_everything := [capability |
	some grant in judged
	_everything(grant.rule)
	some class, permissions in params.rbac.capabilities
	_reachable_in(permissions, grant.scope)
	capability := {"class": class, "grant": grant, "permissions": {"* (every verb on every resource)"}}
]

# (The fields are read in place, as in _harmful.)
_everything(rule) if {
	verbs := rule.verbs
	is_array(verbs)
	"*" in verbs
	groups := rule.apiGroups
	is_array(groups)
	"*" in groups
	resources := rule.resources
	is_array(resources)
	"*" in resources
	count(_array(rule, "resourceNames")) == 0
}

_reachable_in(permissions, scope) if {
	some permission in permissions
	some set in permission.sets
	some resource in params.rbac.resource_sets[set]
	_scope_allows(scope, resource)
}

# The resources of a set that a rule covers, walking whichever of the two is shorter.
_in_set(covered, set) := {resource | some resource in covered; resource in set} if count(covered) < 4

else := {resource | some resource in set; resource in covered}

# True when a resource is in a set of params rbac.resource_sets: a rule none of whose resources
# is gives no capability.
_named(resource) if {
	some set in params.rbac.resource_sets
	resource in set
}

# The resources of params rbac.resource_sets a rule covers (kubectl form); kubectl is the
# generator's list of the rule's resources for a built-in rule, null otherwise.
_covered(rule, kubectl) := {resource |
	some resource in _kubectl_names(rule, kubectl)
	_named(resource)
} | _wild_covered(rule)

_kubectl_names(rule, kubectl) := kubectl if is_array(kubectl)

else := {kubectl_resource(group, name) |
	some group in _array(rule, "apiGroups")
	some name in _array(rule, "resources")
	not _wild(group, name)
}

_wild_covered(rule) := {resource |
	some set in params.rbac.resource_sets
	some resource in set
} if {
	"*" in _array(rule, "apiGroups")
	"*" in _array(rule, "resources")
} else := {resource |
	some group in _array(rule, "apiGroups")
	some name in _array(rule, "resources")
	_wild(group, name)
	some set in params.rbac.resource_sets
	some resource in set
	parsed := parse_resource(resource)
	_any_matches([group], parsed.group)
	resource_matches([name], parsed.resource)
}

# METADATA
# description: >-
#   A readable list of a capability's permissions for messages: the first six, sorted, and how
#   many more there are.
permissions_text(permissions) := concat(", ", sorted) if {
	sorted := sort(permissions)
	count(sorted) <= 6
} else := sprintf("%s and %d more", [concat(", ", array.slice(sort(permissions), 0, 6)), count(permissions) - 6])

# METADATA
# description: A capability class's name as words, for messages.
class_text(class) := replace(class, "_", " ")

_wild("*", _)

_wild(_, name) if {
	is_string(name)
	startswith(name, "*")
}

_scope_allows("", _)

_scope_allows(scope, resource) if {
	scope != ""
	not resource in params.rbac.cluster_scoped_resources
}

_names_allow(names, _, _, _) if count(names) == 0

# A rule that lists the empty name allows requests that carry none (create, list of all).
_names_allow(names, _, _, _) if "" in names

_names_allow(names, verb, resource, true) if {
	count(names) > 0
	not _nameless(verb, resource)
}

# Requests that never carry a name, so resourceNames can never allow them.
_nameless("deletecollection", _)

_nameless("create", resource) if not contains(resource, "/")

# METADATA
# description: >-
#   A rule's group and resource in kubectl's form, `resource[.group][/subresource]`
#   ("deployments.apps/scale"; the core group has no suffix: "pods/exec").
kubectl_resource(group, name) := name if {
	group == ""
	is_string(name)
} else := concat("", [base, ".", group, substring(name, count(base), -1)]) if {
	is_string(group)
	is_string(name)
	base := split(name, "/")[0]
}

# METADATA
# description: The {group, resource} of a resource in kubectl's form (inverse of kubectl_resource).
parse_resource(resource) := {"group": "", "resource": resource} if {
	not contains(split(resource, "/")[0], ".")
} else := {"group": substring(head, dot + 1, -1), "resource": concat("", [substring(head, 0, dot), tail])} if {
	head := split(resource, "/")[0]
	dot := indexof(head, ".")
	tail := substring(resource, count(head), -1)
}

# METADATA
# description: The wildcard fields of a grant's rule (see `wildcards`), precomputed for built-ins.
grant_wildcards(grant) := {field | some field in grant.wildcards} if is_array(grant.wildcards)

else := wildcards(grant.rule)

# METADATA
# description: >-
#   True when a rule allows nothing beyond what Kubernetes' built-in roles allow every identity
#   (API discovery, health and version endpoints, self reviews, ServiceAccount issuer
#   discovery: bootstrap.harmless_lines). Such a rule is never judged, wherever it is bound:
#   grants are judged by what they allow, not by the role's or the group's name.
harmless(rule) if not _harmful(rule)

# A verb on a resource or URL of the rule that is not one of bootstrap.harmless_lines (what
# `harmless` negates: stops at the first such line instead of checking every one).
# (Each field is read and type-checked in place: what _array does, without a call per field,
# and a rule without nonResourceURLs stops at the first expression of the second body.)
_harmful(rule) if {
	verbs := rule.verbs
	is_array(verbs)
	groups := rule.apiGroups
	is_array(groups)
	names := rule.resources
	is_array(names)
	some verb in verbs
	some group in groups
	some name in names
	not bootstrap.harmless_lines[concat(" ", [verb, kubectl_resource(group, name)])]
}

_harmful(rule) if {
	urls := rule.nonResourceURLs
	is_array(urls)
	verbs := rule.verbs
	is_array(verbs)
	some url in urls
	some verb in verbs
	not bootstrap.harmless_lines[concat(" ", [verb, url])]
}

# METADATA
# description: >-
#   The fields of a rule that use a wildcard: `*` in verbs, apiGroups, resources or
#   nonResourceURLs, or a `*/subresource` resource (that subresource of every resource).
wildcards(rule) := {field |
	# (Only the fields the rule has are visited: a call of _array per absent field cost more.)
	some field, values in object.filter(rule, ["verbs", "apiGroups", "resources", "nonResourceURLs"])
	is_array(values)
	"*" in values
} | {"resources" |
	some value in _array(rule, "resources")
	is_string(value)
	startswith(value, "*/")
}

# METADATA
# description: >-
#   Where a finding about what a grant's rule allows belongs, as {entry, path}: the rule in the
#   target's own role, else the target's own binding, else the workload's serviceAccountName
#   (role and binding are in the context or built in; the message names them).
rule_site(grant, workload) := _role_site(grant) if {
	grant.role.source == "target"
} else := _binding_site(grant) if {
	grant.binding.source == "target"
} else := workload_site(workload)

# METADATA
# description: Where a finding about how a grant is bound belongs (the binding first, then the role).
binding_site(grant, workload) := _binding_site(grant) if {
	grant.binding.source == "target"
} else := _role_site(grant) if {
	grant.role.source == "target"
} else := workload_site(workload)

_role_site(grant) := {"entry": entry(grant.role.id), "path": ["rules", grant.index]}

_binding_site(grant) := {"entry": entry(grant.binding.id), "path": ["roleRef"]}

# METADATA
# description: A workload's serviceAccountName field, where findings about its account belong.
workload_site(workload) := {"entry": workload.entry, "path": array.concat(workload.path, ["serviceAccountName"])}

# METADATA
# description: >-
#   How a grant reaches its account, for messages: `RoleBinding agents/x -> ClusterRole edit,
#   as Group system:authenticated (aggregating ClusterRole y)`.
describe(grant) := concat("", [describe_binding(grant.binding, grant.via), _aggregation_text(grant)])

_binding_text(binding) := concat("", [_builtin_prefix(binding.source), binding.kind, " ", _qualified(binding)])

_builtin_prefix(source) := "built-in " if source == "builtin"

else := ""

_qualified(binding) := binding.name if binding.namespace == ""

else := concat("/", [binding.namespace, binding.name])

_aggregation_text(grant) := "" if grant.role.name == grant.binding.ref.name

else := sprintf(" (aggregating %s %s)", [grant.role.kind, grant.role.name])

# A grant through a User or Group subject says so; through the ServiceAccount itself it need not.
_via_text(via) := sprintf(", as %s %s", [kind, substring(via, count(kind) + 1, -1)]) if {
	kind := split(via, ":")[0]
	kind in {"User", "Group"}
} else := ""

# METADATA
# description: >-
#   How a binding reaches an account, for messages: `RoleBinding agents/x -> ClusterRole edit,
#   as Group system:authenticated` (what the binding references, not where each rule lives).
describe_binding(binding, via) := concat("", [
	_binding_text(binding), " -> ", binding.ref.kind, " ", binding.ref.name,
	_via_text(via),
])

# METADATA
# description: >-
#   Where a finding about a binding whose role is missing belongs: the target's own binding's
#   roleRef, else the workload's serviceAccountName.
missing_site(reach, workload) := _binding_site(reach) if {
	reach.binding.source == "target"
} else := workload_site(workload)
