package riskreg.mcp.tool_approval_test

import data.riskreg.lib.mcp.testing
import data.riskreg.mcp.tool_approval as control

_server(fields) := testing.target({"mcpServers": {"s": object.union({"command": "node", "args": ["x.js"]}, fields)}})

test_pass_no_approval_fields if {
	count(control.deny) == 0 with input as _server({})
	count(control.checked) == 1 with input as _server({})
}

test_pass_empty_lists_and_false if {
	count(control.deny) == 0 with input as _server({"autoApprove": [], "alwaysAllow": [], "trust": false})
}

test_deny_auto_approve_list if {
	listed := _server({"autoApprove": ["write_file"]})
	testing.fires(control.deny, ["mcpServers", "s", "autoApprove"]) with input as listed
	testing.fires(control.deny, ["mcpServers", "s", "alwaysAllow"]) with input as _server({"alwaysAllow": ["run"]})
	testing.fires(control.deny, ["mcpServers", "s", "autoApprove"]) with input as _server({"autoApprove": true})
}

test_deny_trust if {
	testing.fires(control.deny, ["mcpServers", "s", "trust"]) with input as _server({"trust": true})
}

test_deny_vscode_global_auto_approve if {
	settings := {"chat.tools.autoApprove": true, "mcp": {"servers": {"s": {"command": "node"}}}}
	config := testing.named(".vscode/settings.json", settings)
	testing.fires(control.deny, ["chat.tools.autoApprove"]) with input as config
}

test_deny_without_params_is_undetermined if {
	some finding in control.deny with input as _server({}) with data.riskreg_params as {}
	finding.undetermined
}
