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
			{"path": "x/k8s.yaml", "index": 0, "contents": _deployment},
			{"path": "x/k8s.yaml", "index": 1, "contents": _service_account},
			{"path": "x/odd.yaml", "index": 0, "contents": "scalar"},
		],
	}
	entries := target.entries with input as shaped
	entries == {
		{"path": "x/k8s.yaml", "index": 0, "contents": _deployment},
		{"path": "x/k8s.yaml", "index": 1, "contents": _service_account},
	}
	target.now_ns == 42 with input as shaped
	target.target == "examples/x" with input as shaped
}

test_pass_riskreg_shape_expands_lists if {
	shaped := {"riskreg": {"schema": 1}, "target": "t", "documents": [{"path": "l.yaml", "contents": _list}]}
	entries := target.entries with input as shaped
	entries == {
		{"path": "l.yaml", "index": 0, "contents": _deployment},
		{"path": "l.yaml", "index": 0, "contents": _service_account},
	}
}

test_pass_plain_conftest_object if {
	entries := target.entries with input as _deployment
	entries == {{"path": "", "index": 0, "contents": _deployment}}
	target.target == "" with input as _deployment
}

test_pass_plain_conftest_multi_document if {
	entries := target.entries with input as [_deployment, _service_account]
	entries == {
		{"path": "", "index": 0, "contents": _deployment},
		{"path": "", "index": 1, "contents": _service_account},
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
		{"path": "a.yaml", "index": 0, "contents": _deployment},
		{"path": "a.yaml", "index": 1, "contents": _deployment},
		{"path": "a.yaml", "index": 1, "contents": _service_account},
		{"path": "b.yaml", "index": 0, "contents": _service_account},
	}
}

test_pass_of_kind_and_aideployments if {
	ai := {"apiVersion": "riskreg/v1", "kind": "AIDeployment", "metadata": {"name": "x"}}
	found := target.aideployments with input as [ai, _deployment]
	found == {{"path": "", "index": 0, "contents": ai}}
	deployments := target.of_kind("Deployment") with input as [ai, _deployment]
	deployments == {{"path": "", "index": 1, "contents": _deployment}}
}

test_pass_now_ns_defaults_to_clock if {
	target.now_ns > 1700000000000000000 with input as _deployment
}
