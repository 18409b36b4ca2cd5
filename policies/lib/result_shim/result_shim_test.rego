package riskreg.lib.result_shim_test

import data.riskreg.lib.result_shim as result

_chain := [{"annotations": {"custom": {"id": "MCP-999"}}}]

_entry := {"path": ".mcp.json", "index": 0, "contents": {"mcpServers": {}}}

test_make_carries_path_array_and_index if {
	result.make(_chain, _entry, ["mcpServers", "a"], "text") == {
		"msg": "MCP-999: text",
		"resource": "MCPConfiguration//.mcp.json",
		"path": ["mcpServers", "a"],
		"file": ".mcp.json",
		"index": 0,
	}
}

test_undetermined_fails_closed_and_says_so if {
	finding := result.undetermined(_chain, _entry, ["x"], "the host is a template")
	finding.undetermined == true
	finding.msg == "MCP-999: cannot determine: the host is a template"
}

test_verified if {
	result.verified(_entry) == {"file": ".mcp.json", "index": 0, "assurance": "verified"}
}

test_resource_of_a_kubernetes_object if {
	entry := {"path": "p.yaml", "index": 1, "contents": {"kind": "Pod", "metadata": {"name": "p"}}}
	result.resource(entry) == "Pod/default/p"
}
