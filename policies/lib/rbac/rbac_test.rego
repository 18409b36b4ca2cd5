package riskreg.lib.rbac_test

import data.riskreg.lib.rbac
import data.riskreg.lib.rbac.bootstrap
import data.riskreg.lib.testing

# The compliant ServiceAccount, Deployment and namespaced Role + RoleBinding (browsing-agent in
# namespace agents), plus what a test adds.
_with(docs) := testing.target(array.concat([testing.kubernetes[0], testing.kubernetes[1]], docs))

_account := "agents/browsing-agent"

_role(kind, name, rules) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
	"metadata": {"name": name, "namespace": "agents"}, "rules": rules,
}

_binding(kind, name, subjects, ref_kind, ref_name) := {
	"apiVersion": "rbac.authorization.k8s.io/v1", "kind": kind,
	"metadata": {"name": name, "namespace": "agents"}, "subjects": subjects,
	"roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": ref_name},
}

_sa := {"kind": "ServiceAccount", "name": "browsing-agent", "namespace": "agents"}

_secrets := [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list"]}]

_request(verb, group, resource) := {
	"verb": verb, "group": group, "resource": resource,
	"name": "", "namespace": "agents",
}

_cluster_wide(request) := object.union(request, {"namespace": ""})

# --- who a binding reaches -------------------------------------------------------------------

test_pass_subjects_that_reach_the_account if {
	every subject in [
		_sa,
		{"kind": "ServiceAccount", "name": "browsing-agent"},
		{"kind": "User", "name": "system:serviceaccount:agents:browsing-agent"},
		{"kind": "Group", "name": "system:serviceaccounts"},
		{"kind": "Group", "name": "system:serviceaccounts:agents"},
		{"kind": "Group", "name": "system:authenticated"},
	] {
		docs := [_role("Role", "reader", _secrets), _binding("RoleBinding", "b", [subject], "Role", "reader")]
		rbac.allows(_account, _request("list", "", "secrets")) with input as _with(docs)
	}
}

test_pass_subjects_that_do_not_reach_the_account if {
	every subject in [
		{"kind": "ServiceAccount", "name": "browsing-agent", "namespace": "other"},
		{"kind": "User", "name": "browsing-agent"},
		{"kind": "User", "name": "system:serviceaccount:other:browsing-agent"},
		{"kind": "Group", "name": "system:serviceaccounts:other"},
		{"kind": "Group", "name": "system:unauthenticated"},
		{"kind": "Group", "name": "system:masters"},
		{"kind": "SomethingElse", "name": "browsing-agent"},
	] {
		docs := [_role("Role", "reader", _secrets), _binding("RoleBinding", "b", [subject], "Role", "reader")]
		not rbac.allows(_account, _request("list", "", "secrets")) with input as _with(docs)
	}
}

test_pass_cluster_binding_needs_the_account_namespace if {
	role := _role("ClusterRole", "reader", _secrets)
	no_namespace := {"kind": "ServiceAccount", "name": "browsing-agent"}
	without := _binding("ClusterRoleBinding", "b", [no_namespace], "ClusterRole", "reader")
	not rbac.allows(_account, _request("list", "", "secrets")) with input as _with([role, without])
	with_ns := _binding("ClusterRoleBinding", "b", [_sa], "ClusterRole", "reader")
	rbac.allows(_account, _cluster_wide(_request("list", "", "secrets"))) with input as _with([role, with_ns])
}

test_pass_only_rbac_api_objects_count if {
	role := object.union(_role("Role", "reader", _secrets), {"apiVersion": "iam.example.com/v1"})
	binding := _binding("RoleBinding", "b", [_sa], "Role", "reader")
	not rbac.allows(_account, _request("get", "", "secrets")) with input as _with([role, binding])
}

# --- scope -----------------------------------------------------------------------------------

test_pass_role_binding_scopes_a_cluster_role_to_its_namespace if {
	docs := [_role("ClusterRole", "reader", _secrets), _binding("RoleBinding", "b", [_sa], "ClusterRole", "reader")]
	rbac.allows(_account, _request("get", "", "secrets")) with input as _with(docs)
	elsewhere := object.union(_request("get", "", "secrets"), {"namespace": "kube-system"})
	not rbac.allows(_account, elsewhere) with input as _with(docs)
	not rbac.allows(_account, _cluster_wide(_request("get", "", "secrets"))) with input as _with(docs)
}

test_pass_role_binding_to_a_role_of_another_namespace_grants_nothing if {
	role := json.patch(_role("Role", "reader", _secrets), [testing.replace_at("/metadata/namespace", "other")])
	binding := _binding("RoleBinding", "b", [_sa], "Role", "reader")
	count([g | some g in rbac.grants; g.role.name == "reader"]) == 0 with input as _with([role, binding])
	count(rbac.missing) == 1 with input as _with([role, binding])
}

test_pass_cluster_role_binding_to_a_role_is_invalid if {
	docs := [_role("Role", "reader", _secrets), _binding("ClusterRoleBinding", "b", [_sa], "Role", "reader")]
	count([g | some g in rbac.grants; g.role.name == "reader"]) == 0 with input as _with(docs)
	count(rbac.missing) == 0 with input as _with(docs)
}

# --- rule matching ---------------------------------------------------------------------------

test_pass_rule_matching if {
	rule := {"apiGroups": ["apps"], "resources": ["deployments", "*/scale"], "verbs": ["get", "update"]}
	rbac.rule_allows(rule, {"verb": "get", "group": "apps", "resource": "deployments", "name": "x"})
	rbac.rule_allows(rule, {"verb": "update", "group": "apps", "resource": "statefulsets/scale", "name": ""})
	not rbac.rule_allows(rule, {"verb": "update", "group": "apps", "resource": "statefulsets", "name": ""})
	not rbac.rule_allows(rule, {"verb": "update", "group": "apps", "resource": "deployments/status", "name": ""})
	not rbac.rule_allows(rule, {"verb": "create", "group": "apps", "resource": "deployments", "name": ""})
	not rbac.rule_allows(rule, {"verb": "get", "group": "", "resource": "deployments", "name": ""})
	wild := {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}
	escalate := {"verb": "escalate", "group": "rbac.authorization.k8s.io", "resource": "clusterroles", "name": ""}
	rbac.rule_allows(wild, escalate)
	rbac.rule_allows(wild, {"verb": "create", "group": "", "resource": "pods/exec", "name": "p"})
}

test_pass_resource_names_narrow_requests_by_name if {
	rule := {"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["one"], "verbs": ["get", "list", "create"]}
	rbac.rule_allows(rule, {"verb": "get", "group": "", "resource": "secrets", "name": "one"})
	not rbac.rule_allows(rule, {"verb": "get", "group": "", "resource": "secrets", "name": "two"})
	not rbac.rule_allows(rule, {"verb": "list", "group": "", "resource": "secrets", "name": ""})
	not rbac.rule_allows(rule, {"verb": "create", "group": "", "resource": "secrets", "name": ""})
	empty := {"apiGroups": [""], "resources": ["secrets"], "resourceNames": [""], "verbs": ["create"]}
	rbac.rule_allows(empty, {"verb": "create", "group": "", "resource": "secrets", "name": ""})
}

test_pass_kubectl_resource_names if {
	rbac.kubectl_resource("", "pods/exec") == "pods/exec"
	rbac.kubectl_resource("apps", "deployments/scale") == "deployments.apps/scale"
	rbac.kubectl_resource("serving.kserve.io", "inferenceservices") == "inferenceservices.serving.kserve.io"
	rbac.parse_resource("deployments.apps/scale") == {"group": "apps", "resource": "deployments/scale"}
	rbac.parse_resource("pods/exec") == {"group": "", "resource": "pods/exec"}
	not rbac.kubectl_resource("apps", 7)
}

# --- built-in roles and aggregation ----------------------------------------------------------

test_pass_builtin_view_aggregates_and_edit_includes_view if {
	view := _binding("RoleBinding", "b", [_sa], "ClusterRole", "view")
	rbac.allows(_account, _request("list", "apps", "deployments")) with input as _with([view])
	not rbac.allows(_account, _request("get", "", "secrets")) with input as _with([view])
	edit := _binding("RoleBinding", "b", [_sa], "ClusterRole", "edit")
	rbac.allows(_account, _request("list", "apps", "deployments")) with input as _with([edit])
	rbac.allows(_account, _request("impersonate", "", "serviceaccounts")) with input as _with([edit])
	rbac.allows(_account, _request("create", "", "serviceaccounts/token")) with input as _with([edit])
	admin := _binding("RoleBinding", "b", [_sa], "ClusterRole", "admin")
	rbac.allows(_account, _request("create", "rbac.authorization.k8s.io", "rolebindings")) with input as _with([admin])
}

test_pass_custom_role_aggregated_into_a_builtin_one if {
	exec := [{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]
	label := testing.add_at("/metadata/labels", {"rbac.authorization.k8s.io/aggregate-to-view": "true"})
	custom := json.patch(_role("ClusterRole", "exec-helper", exec), [label])
	binding := _binding("RoleBinding", "b", [_sa], "ClusterRole", "view")
	rbac.allows(_account, _request("create", "", "pods/exec")) with input as _with([custom, binding])
	rbac.aggregated("admin") == {
		"admin", "edit", "view", "system:aggregate-to-admin", "system:aggregate-to-edit",
		"system:aggregate-to-view", "exec-helper",
	} with input as _with([custom, binding])
}

_tier_b_or_c := {"key": "tier", "operator": "In", "values": ["b", "c"]}

_to_edit := {"rbac.authorization.k8s.io/aggregate-to-edit": "true"}

test_pass_custom_aggregation_is_transitive_and_survives_cycles if {
	top := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
		"metadata": {"name": "top", "labels": {"tier": "b"}},
		"aggregationRule": {"clusterRoleSelectors": [{"matchLabels": {"tier": "a"}}]},
	}
	middle := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
		"metadata": {"name": "middle", "labels": {"tier": "a"}},
		"aggregationRule": {"clusterRoleSelectors": [{"matchExpressions": [_tier_b_or_c]}]},
	}
	leaf := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
		"metadata": {"name": "leaf", "labels": {"tier": "c"}}, "rules": _secrets,
	}
	binding := _binding("RoleBinding", "b", [_sa], "ClusterRole", "top")
	docs := [top, middle, leaf, binding]
	rbac.aggregated("top") == {"top", "middle", "leaf"} with input as _with(docs)
	rbac.allows(_account, _request("list", "", "secrets")) with input as _with(docs)
}

test_pass_custom_aggregator_selects_builtin_roles if {
	picker := {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
		"metadata": {"name": "picker"},
		"aggregationRule": {"clusterRoleSelectors": [{"matchLabels": _to_edit}]},
	}
	binding := _binding("RoleBinding", "b", [_sa], "ClusterRole", "picker")
	rbac.allows(_account, _request("create", "", "pods/exec")) with input as _with([picker, binding])
}

test_pass_builtin_role_merges_with_a_same_named_object if {
	extra := _role("ClusterRole", "view", _secrets)
	binding := _binding("RoleBinding", "b", [_sa], "ClusterRole", "view")
	rbac.allows(_account, _request("get", "", "secrets")) with input as _with([extra, binding])
	rbac.allows(_account, _request("list", "apps", "deployments")) with input as _with([extra, binding])
}

test_pass_builtin_role_replaced_when_not_reconciled if {
	read := [{"apiGroups": [""], "resources": ["configmaps"], "verbs": ["get"]}]
	no_reconcile := testing.add_at("/metadata/annotations", {"rbac.authorization.kubernetes.io/autoupdate": "false"})
	own := json.patch(_role("ClusterRole", "edit", read), [no_reconcile])
	binding := _binding("RoleBinding", "b", [_sa], "ClusterRole", "edit")
	rbac.allows(_account, _request("get", "", "configmaps")) with input as _with([own, binding])
	not rbac.allows(_account, _request("create", "", "pods/exec")) with input as _with([own, binding])
}

test_pass_builtin_controller_roles if {
	binding := _binding("RoleBinding", "b", [_sa], "ClusterRole", "system:controller:deployment-controller")
	rbac.allows(_account, _request("create", "apps", "replicasets")) with input as _with([binding])
	node := _binding("ClusterRoleBinding", "n", [_sa], "ClusterRole", "system:node")
	rbac.allows(_account, object.union(_request("get", "", "secrets"), {"name": "x"})) with input as _with([node])
}

test_pass_missing_role_is_reported if {
	binding := _binding("RoleBinding", "b", [_sa], "ClusterRole", "nowhere")
	[reach.binding.ref.name | some reach in rbac.missing] == ["nowhere"] with input as _with([binding])
}

test_pass_context_objects_count if {
	doc := _binding("ClusterRoleBinding", "ctx", [_sa], "ClusterRole", "cluster-admin")
	ctx := object.union(_with([]), {"context": [{"path": "ctx/rbac.yaml", "index": 0, "contents": doc}]})
	rbac.allows(_account, _request("delete", "", "nodes")) with input as ctx
	some grant in rbac.judged with input as ctx
	grant.binding.source == "context"
}

# --- Kubernetes' defaults -------------------------------------------------------------------

test_pass_every_account_gets_discovery_but_it_is_not_judged if {
	rbac.allows(_account, {
		"verb": "create", "group": "authorization.k8s.io", "resource": "selfsubjectaccessreviews",
		"name": "", "namespace": "",
	}) with input as _with([])
	count(rbac.judged) == 0 with input as _with([])
	count(rbac.capabilities) == 0 with input as _with([])
}

test_pass_harmless_is_judged_by_content if {
	rbac.harmless({"nonResourceURLs": ["/healthz", "/version"], "verbs": ["get"]})
	rbac.harmless({"apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews"], "verbs": ["create"]})
	not rbac.harmless({"nonResourceURLs": ["/metrics"], "verbs": ["get"]})
	not rbac.harmless({"nonResourceURLs": ["/healthz"], "verbs": ["*"]})
	not rbac.harmless({"apiGroups": ["*"], "resources": ["selfsubjectaccessreviews"], "verbs": ["create"]})
	review := {"apiGroups": ["authorization.k8s.io"], "resources": ["selfsubjectaccessreviews"]}
	not rbac.harmless(object.union(review, {"verbs": ["list"]}))
}

# The generator's precomputed verdicts agree with the lib's own functions, for every built-in
# rule: the judged split is exactly `not harmless`, and wildcards and resource names match.
test_pass_precomputed_builtin_facts_agree if {
	every items in bootstrap.default_judged {
		every item in items {
			every facts in item.rules {
				_facts_agree(item.role, facts)
			}
		}
	}
	judged := {[item.role.name, facts.index] |
		some items in bootstrap.default_judged
		some item in items
		some facts in item.rules
	}
	bound := {name |
		some binding in bootstrap.cluster_role_bindings
		count(binding.subjects) > 0 # system:node's binding names nobody
		some name in rbac.aggregated(binding.roleRef.name)
		bootstrap.cluster_roles[name] # podcheckpoint-controller's role is missing from the data
	}
	every name in bound {
		every i, rule in bootstrap.cluster_roles[name].rules {
			_judged_or_harmless([name, i], rule, judged)
		}
	}
}

_facts_agree(role, facts) if {
	rule := bootstrap.cluster_roles[role.name].rules[facts.index]
	not rbac.harmless(rule)
	rbac.wildcards(rule) == {field | some field in facts.wildcards}
	{name | some name in facts.kubectl} == {rbac.kubectl_resource(group, name) |
		some group in object.get(rule, "apiGroups", [])
		some name in object.get(rule, "resources", [])
		group != "*"
		not startswith(name, "*")
	}
}

_facts_agree(role, _) if role.kind == "Role"

_judged_or_harmless(_, rule, _) if rbac.harmless(rule)

_judged_or_harmless(key, _, judged) if key in judged

test_pass_fast_and_slow_paths_agree if {
	# kube-system's deployment controller: its built-in grants come precomputed, unless an
	# object touches a built-in one (a same-named RoleBinding here), which resolves them again.
	sa := {
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": {"name": "dc", "namespace": "kube-system"},
		"spec": {"template": {"spec": {
			"serviceAccountName": "deployment-controller",
			"containers": [{"name": "c", "image": "i"}],
		}}},
	}
	fast := {[g.role.name, g.index] | some g in rbac.judged} with input as testing.target([sa])
	count(fast) > 0
	touch := _role("ClusterRole", "system:basic-user", [])
	fast == {[g.role.name, g.index] | some g in rbac.judged} with input as testing.target([sa, touch])
}

test_pass_bindings_and_namespaced_roles_touch_builtins_too if {
	# Like a same-named ClusterRole, a same-named ClusterRoleBinding or a Role of a built-in's
	# namespace and name sends the built-in grants through the slow path (whose grants carry
	# no precomputed wildcards), with the same result.
	sa := {
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": {"name": "dc", "namespace": "kube-system"},
		"spec": {"template": {"spec": {
			"serviceAccountName": "deployment-controller",
			"containers": [{"name": "c", "image": "i"}],
		}}},
	}
	count([g | some g in rbac.judged; is_array(g.wildcards)]) > 0 with input as testing.target([sa])
	fast := {[g.role.name, g.index] | some g in rbac.judged} with input as testing.target([sa])
	every touch in [
		_binding("ClusterRoleBinding", "system:basic-user", [], "ClusterRole", "system:basic-user"),
		{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
			"metadata": {"name": "system:controller:bootstrap-signer", "namespace": "kube-public"},
			"rules": [],
		},
	] {
		count([g | some g in rbac.judged; is_array(g.wildcards)]) == 0 with input as testing.target([sa, touch])
		fast == {[g.role.name, g.index] | some g in rbac.judged} with input as testing.target([sa, touch])
	}
}

test_pass_builtin_binding_to_missing_role_is_reported_on_both_paths if {
	sa := {
		"apiVersion": "v1", "kind": "Pod",
		"metadata": {"name": "p", "namespace": "kube-system"},
		"spec": {"serviceAccountName": "podcheckpoint-controller", "containers": [{"name": "c", "image": "i"}]},
	}
	count(rbac.missing) == 1 with input as testing.target([sa])
	count(rbac.missing) == 1 with input as testing.target([sa, _role("ClusterRole", "view", [])])
}

# --- capabilities ----------------------------------------------------------------------------

test_pass_capabilities_by_class if {
	role := _role("Role", "r", [
		{"apiGroups": ["apps"], "resources": ["deployments/scale"], "verbs": ["patch"]},
		{"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"], "resourceNames": ["one"]},
		{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"], "resourceNames": ["one"]},
		{"apiGroups": [""], "resources": ["pods"], "verbs": ["create"], "resourceNames": ["one"]},
		{"apiGroups": ["autoscaling"], "resources": ["horizontalpodautoscalers"], "verbs": ["create"]},
	])
	docs := [role, _binding("RoleBinding", "b", [_sa], "Role", "r")]
	found := {[c.class, p] | some c in rbac.capabilities; some p in c.permissions} with input as _with(docs)
	found == {
		["compute_scaling", "patch deployments.apps/scale"],
		["process_spawning", "create pods/exec"],
		["compute_scaling", "create horizontalpodautoscalers.autoscaling"],
	}
}

test_pass_cluster_scoped_capabilities_need_a_cluster_binding if {
	role := _role("ClusterRole", "r", [{"apiGroups": [""], "resources": ["nodes/proxy"], "verbs": ["get"]}])
	namespaced := [role, _binding("RoleBinding", "b", [_sa], "ClusterRole", "r")]
	count(rbac.capabilities) == 0 with input as _with(namespaced)
	cluster := [role, _binding("ClusterRoleBinding", "b", [_sa], "ClusterRole", "r")]
	{c.class | some c in rbac.capabilities} == {"node_access"} with input as _with(cluster)
}

test_pass_wildcard_capabilities if {
	everything := [
		_role("Role", "r", [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]),
		_binding("RoleBinding", "b", [_sa], "Role", "r"),
	]
	classes := {c.class | some c in rbac.capabilities} with input as _with(everything)
	"workload_creation" in classes
	not "node_access" in classes
	scale := [
		_role("Role", "r", [{"apiGroups": ["apps"], "resources": ["*/scale"], "verbs": ["update"]}]),
		_binding("RoleBinding", "b", [_sa], "Role", "r"),
	]
	found := {p | some c in rbac.capabilities; some p in c.permissions} with input as _with(scale)
	found == {"update deployments.apps/scale", "update replicasets.apps/scale", "update statefulsets.apps/scale"}
	groups := [
		_role("Role", "r", [{"apiGroups": ["*"], "resources": ["secrets"], "verbs": ["list"]}]),
		_binding("RoleBinding", "b", [_sa], "Role", "r"),
	]
	{p | some c in rbac.capabilities; some p in c.permissions} == {"list secrets"} with input as _with(groups)
}

test_pass_messages if {
	rbac.permissions_text({"a", "b"}) == "a, b"
	rbac.permissions_text({"a", "b", "c", "d", "e", "f", "g", "h"}) == "a, b, c, d, e, f and 2 more"
	rbac.class_text("secret_read") == "secret read"
	grant := {
		"binding": {
			"kind": "ClusterRoleBinding", "namespace": "", "name": "b", "source": "builtin",
			"ref": {"kind": "ClusterRole", "name": "edit"},
		},
		"via": "Group:system:authenticated", "role": {"kind": "ClusterRole", "name": "view"},
	}
	rbac.describe(grant) == concat("", [
		"built-in ClusterRoleBinding b -> ClusterRole edit, as Group system:authenticated",
		" (aggregating ClusterRole view)",
	])
}

# A roleRef field that is empty or not a string reads as "" (the general branch of _ref).
test_pass_a_malformed_role_ref_reads_as_empty if {
	refs := {[binding.name, binding.ref] |
		some binding in rbac.bindings
		binding.name in {"empty-name", "number-kind"}
	} with input as _with([
		_binding("RoleBinding", "empty-name", [_sa], "Role", ""),
		_binding("RoleBinding", "number-kind", [_sa], 5, "reader"),
	])
	refs == {
		["empty-name", {"kind": "Role", "name": ""}],
		["number-kind", {"kind": "", "name": "reader"}],
	}
}
