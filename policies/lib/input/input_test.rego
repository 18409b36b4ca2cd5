package riskreg.lib.input_test

import data.riskreg.lib.input as target

_deployment := {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "a"}}

_service_account := {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "a"}}

_list := {"apiVersion": "v1", "kind": "List", "items": [_deployment, _service_account, "not an object"]}

test_pass_riskreg_shape if {
	shaped := {
		"riskreg": {"schema": 1, "now_ns": 42},
		"target": "examples/x",
		"documents": [
			{"path": "x/k8s.yaml", "index": 0, "contents": _deployment, "format": "kubernetes"},
			{"path": "x/k8s.yaml", "index": 1, "contents": _service_account, "format": "kubernetes"},
			{"path": "x/odd.yaml", "index": 0, "contents": "scalar"},
		],
	}
	entries := target.entries with input as shaped
	entries == {
		{"path": "x/k8s.yaml", "index": 0, "contents": _deployment, "format": "kubernetes"},
		{"path": "x/k8s.yaml", "index": 1, "contents": _service_account, "format": "kubernetes"},
	}
	target.now_ns == 42 with input as shaped
	target.target == "examples/x" with input as shaped
}

test_pass_riskreg_shape_expands_lists if {
	shaped := {"riskreg": {"schema": 1}, "target": "t", "documents": [{"path": "l.yaml", "contents": _list}]}
	entries := target.entries with input as shaped
	entries == {
		{"path": "l.yaml", "index": 0, "contents": _deployment, "format": "kubernetes"},
		{"path": "l.yaml", "index": 0, "contents": _service_account, "format": "kubernetes"},
	}
}

# riskreg's own entries are kept whole; one that is not as riskreg sends it (here a List with all
# four fields) sends the whole target down the general path, which expands it.
test_pass_riskreg_shape_as_sent_and_not if {
	sent := [
		{"path": "x/k8s.yaml", "index": 0, "contents": _deployment, "format": "kubernetes"},
		{"path": "x/.mcp.json", "index": 0, "contents": {"mcpServers": {}}, "format": "mcp"},
	]
	target.entries == {sent[0], sent[1]} with input as {"riskreg": {"schema": 2}, "target": "t", "documents": sent}
	listed := {"path": "l.yaml", "index": 0, "contents": _list, "format": "kubernetes"}
	mixed := {"riskreg": {"schema": 2}, "target": "t", "documents": array.concat(sent, [listed])}
	target.entries == {
		sent[0], sent[1],
		{"path": "l.yaml", "index": 0, "contents": _deployment, "format": "kubernetes"},
		{"path": "l.yaml", "index": 0, "contents": _service_account, "format": "kubernetes"},
	} with input as mixed
}

test_pass_plain_conftest_object if {
	entries := target.entries with input as _deployment
	entries == {{"path": "", "index": 0, "contents": _deployment, "format": "kubernetes"}}
	target.target == "" with input as _deployment
}

test_pass_plain_conftest_multi_document if {
	entries := target.entries with input as [_deployment, _service_account]
	entries == {
		{"path": "", "index": 0, "contents": _deployment, "format": "kubernetes"},
		{"path": "", "index": 1, "contents": _service_account, "format": "kubernetes"},
	}
}

test_pass_conftest_combine if {
	combined := [
		{"path": "a.yaml", "contents": [_deployment, _list]},
		{"path": "b.yaml", "contents": _service_account},
		{"path": "c.yaml", "contents": null},
	]
	entries := target.entries with input as combined
	entries == {
		{"path": "a.yaml", "index": 0, "contents": _deployment, "format": "kubernetes"},
		{"path": "a.yaml", "index": 1, "contents": _deployment, "format": "kubernetes"},
		{"path": "a.yaml", "index": 1, "contents": _service_account, "format": "kubernetes"},
		{"path": "b.yaml", "index": 0, "contents": _service_account, "format": "kubernetes"},
	}
}

test_pass_of_kind_and_aideployments if {
	ai := {"apiVersion": "riskreg/v1", "kind": "AIDeployment", "metadata": {"name": "x"}}
	found := target.aideployments with input as [ai, _deployment]
	found == {{"path": "", "index": 0, "contents": ai, "format": "kubernetes"}}
	deployments := target.of_kind("Deployment") with input as [ai, _deployment]
	deployments == {{"path": "", "index": 1, "contents": _deployment, "format": "kubernetes"}}
}

test_pass_now_ns_defaults_to_clock if {
	target.now_ns > 1700000000000000000 with input as _deployment
}

test_pass_context_entries_are_looked_up_not_judged if {
	shaped := {
		"riskreg": {"schema": 2},
		"target": "t",
		"documents": [{"path": "app/d.yaml", "index": 0, "contents": _deployment}],
		"context": [{"path": "cluster/sa.yaml", "index": 0, "contents": _service_account}],
	}
	count(target.entries) == 1 with input as shaped
	target.context_entries == {{"path": "cluster/sa.yaml", "index": 0, "contents": _service_account}} with input as shaped
	count(target.all_entries) == 2 with input as shaped
	count(target.of_kind("ServiceAccount")) == 1 with input as shaped
	count(target.own_of_kind("ServiceAccount")) == 0 with input as shaped
}

test_pass_format_passes_through if {
	shaped := {
		"riskreg": {"schema": 2},
		"target": "t",
		"documents": [{"path": ".mcp.json", "index": 0, "contents": {"mcpServers": {}}, "format": "mcp"}],
	}
	some entry in target.entries with input as shaped
	entry.format == "mcp"
}
