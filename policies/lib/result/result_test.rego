package riskreg.lib.result_test

import data.riskreg.lib.result

_chain := [
	{"path": ["riskreg", "x", "y", "deny"]},
	{"path": ["riskreg", "x", "y"], "annotations": {"custom": {"id": "TEST-001"}}},
]

test_pass_make if {
	deployment := {"kind": "Deployment", "metadata": {"name": "a", "namespace": "n"}}
	entry := {"path": "f.yaml", "index": 0, "contents": deployment}
	result.make(_chain, entry, "spec.x", "broken") == {
		"msg": "TEST-001: broken",
		"resource": "Deployment/n/a",
		"path": "spec.x",
		"file": "f.yaml",
	}
}

test_pass_unknown_id if {
	result.id([{"path": ["x"]}]) == "UNKNOWN"
}

test_pass_resource_namespaces if {
	result.resource({"kind": "Pod", "metadata": {"name": "p"}}) == "Pod/default/p"
	result.resource({"kind": "ClusterRole", "metadata": {"name": "r"}}) == "ClusterRole//r"
	result.resource({"kind": 7, "metadata": {"name": ["odd"], "namespace": 3}}) == "/default/"
}
