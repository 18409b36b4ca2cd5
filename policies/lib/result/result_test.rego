package riskreg.lib.result_test

import data.riskreg.lib.result

_chain := [
	{"path": ["riskreg", "x", "y", "deny"]},
	{"path": ["riskreg", "x", "y"], "annotations": {"custom": {"id": "TEST-001"}}},
]

test_pass_make if {
	deployment := {"kind": "Deployment", "metadata": {"name": "a", "namespace": "n"}}
	entry := {"path": "f.yaml", "index": 0, "contents": deployment}
	result.make(_chain, entry, ["spec", "x", 0], "broken") == {
		"msg": "TEST-001: broken",
		"resource": "Deployment/n/a",
		"path": ["spec", "x", 0],
		"file": "f.yaml",
		"index": 0,
	}
}

test_pass_undetermined if {
	entry := {"path": "f.yaml", "index": 2, "contents": {"kind": "Pod", "metadata": {"name": "p"}}}
	finding := result.undetermined(_chain, entry, ["spec"], "no NetworkPolicy object")
	finding.msg == "TEST-001: cannot determine: no NetworkPolicy object"
	finding.undetermined == true
	finding.index == 2
}

test_pass_checked_items if {
	entry := {"path": "f.yaml", "index": 0, "contents": {"kind": "Pod", "metadata": {"name": "p"}}}
	result.verified(entry) == {"resource": "Pod/default/p", "file": "f.yaml", "assurance": "verified"}
	result.attested(entry).assurance == "attested"
}

test_pass_pointer_escapes if {
	segments := ["metadata", "labels", "app.kubernetes.io/name", 0, "a~b"]
	result.pointer(segments) == "/metadata/labels/app.kubernetes.io~1name/0/a~0b"
	result.pointer([]) == ""
}

test_pass_unknown_id if {
	result.id([{"path": ["x"]}]) == "UNKNOWN"
}

test_pass_resource_namespaces if {
	result.resource({"kind": "Pod", "metadata": {"name": "p"}}) == "Pod/default/p"
	result.resource({"kind": "ClusterRole", "metadata": {"name": "r"}}) == "ClusterRole//r"
	result.resource({"kind": 7, "metadata": {"name": ["odd"], "namespace": 3}}) == "/default/"
}
