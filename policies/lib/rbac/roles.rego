package riskreg.lib.rbac

import data.riskreg.lib.rbac.bootstrap
import data.riskreg.lib.workloads as wl

# METADATA
# scope: document
# description: >-
#   The role definitions (see `definitions`) a binding's roleRef resolves to: a Role of the
#   binding's own namespace, or a ClusterRole with every ClusterRole it aggregates.
resolved(binding) := definitions("Role", binding.namespace, binding.ref.name) if {
	binding.kind == "RoleBinding"
	binding.ref.kind == "Role"
}

resolved(binding) := {definition |
	some name in aggregated(binding.ref.name)
	some definition in definitions("ClusterRole", "", name)
} if {
	binding.ref.kind == "ClusterRole"
}

# METADATA
# description: >-
#   The definitions of a role as {role, rules}, role {id, kind, namespace, name, source}: the
#   target's and context's objects of that kind, namespace ("" for a ClusterRole) and name, and
#   Kubernetes' built-in one (source "builtin", id null) unless an object replaces it
#   (autoupdate false).
definitions(kind, namespace, name) := _own_definitions(kind, namespace, name) | _builtin(kind, namespace, name)

# (object.get would read an array key as a path.)
_own_definitions(kind, namespace, name) := found if {
	found := _defined[[kind, namespace, name]]
} else := set()

# (An id holds its documents' kind and name: id[3] and id[4].)
_defined[[id[3], namespace, id[4]]] contains definition if {
	some id, entries in _documents
	id[3] in {"Role", "ClusterRole"}
	some entry in entries
	namespace := _object_namespace(entry.contents)
	role := {"id": id, "kind": id[3], "namespace": namespace, "name": id[4], "source": id[2]}
	definition := {"role": role, "rules": _array(entry.contents, "rules")}
}

# The built-in policy is constant data, looked up here so only the roles bound are built.
# regal ignore:external-reference
_builtin(kind, namespace, name) := {_builtin_definition(kind, namespace, name, role)} if {
	kind == "ClusterRole"
	role := bootstrap.cluster_roles[name] # regal ignore:external-reference
	not [kind, namespace, name] in _replaced # regal ignore:external-reference
} else := {_builtin_definition(kind, namespace, name, role)} if {
	kind == "Role"
	role := bootstrap.roles[namespace][name] # regal ignore:external-reference
	not [kind, namespace, name] in _replaced # regal ignore:external-reference
} else := set()

_builtin_definition(kind, namespace, name, role) := {
	"role": {"id": null, "kind": kind, "namespace": namespace, "name": name, "source": "builtin"},
	"rules": role.rules,
}

# METADATA
# description: >-
#   A ClusterRole's name and the names of every ClusterRole it aggregates, transitively: the
#   aggregation controller copies the rules of every ClusterRole an aggregationRule selects,
#   and an aggregated role may itself aggregate (admin <- edit <- view <- aggregate-to-view).
aggregated(name) := ({name} | reached) | {other |
	some node in reached
	some other in _edges[node]
} if {
	_aggregates(name)
	reached := graph.reachable(_edges, {name})
} else := {name}

# Only a ClusterRole with an aggregationRule aggregates; the graph is built only for those.
_aggregates(name) if bootstrap.aggregation_rules[name] # regal ignore:external-reference

_aggregates(name) if name in _aggregator_names # regal ignore:external-reference

_aggregator_names contains aggregator.name if some aggregator in _aggregators

# Built-in aggregation, precomputed by the generator, unless an end of the edge is replaced.
_edges[from] contains to if {
	some from, targets in bootstrap.aggregates
	not ["ClusterRole", "", from] in _replaced
	some to in targets
	not ["ClusterRole", "", to] in _replaced
}

# The target's and context's aggregated ClusterRoles select among every ClusterRole.
_edges[from] contains to if {
	some aggregator in _aggregators
	from := aggregator.name
	some selector in aggregator.selectors
	some candidate in _labelled
	candidate.name != from
	wl.selector_matches(selector, candidate.labels)
	to := candidate.name
}

# Built-in aggregated ClusterRoles (admin, edit, view) select the target's and context's ones:
# a custom role labelled aggregate-to-edit is part of edit (and of admin, through edit).
_edges[from] contains to if {
	some candidate in _own_labelled
	some from, selectors in bootstrap.aggregation_rules
	not ["ClusterRole", "", from] in _replaced
	candidate.name != from
	some selector in selectors
	wl.selector_matches(selector, candidate.labels)
	to := candidate.name
}

_aggregators contains {"name": wl.object_name(contents), "selectors": selectors} if {
	some entries in _documents
	some entry in entries
	contents := entry.contents
	contents.kind == "ClusterRole"
	rule := contents.aggregationRule
	is_object(rule)
	selectors := [selector | some selector in _array(rule, "clusterRoleSelectors"); is_object(selector)]
	count(selectors) > 0
}

_own_labelled contains {"name": wl.object_name(contents), "labels": _labels(contents)} if {
	some entries in _documents
	some entry in entries
	contents := entry.contents
	contents.kind == "ClusterRole"
}

_labelled := _own_labelled | {{"name": name, "labels": role.labels} |
	some name, role in bootstrap.cluster_roles
	not ["ClusterRole", "", name] in _replaced
}

_labels(contents) := contents.metadata.labels if is_object(contents.metadata.labels)

else := {}
