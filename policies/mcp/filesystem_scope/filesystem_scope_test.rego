package riskreg.mcp.filesystem_scope_test

import data.riskreg.lib.mcp.testing
import data.riskreg.mcp.filesystem_scope as control

_fs(roots) := testing.server("npx", array.concat(["-y", "@modelcontextprotocol/server-filesystem@2025.8.21"], roots))

test_pass_workspace_roots if {
	count(control.deny) == 0 with input as _fs(["${workspaceFolder}", "${workspaceFolder}/docs", "./data", "src"])
	count(control.checked) == 1 with input as _fs(["${workspaceFolder}"])
}

test_pass_named_volume_and_workspace_mount if {
	mount := "type=bind,src=./data,dst=/data"
	args := ["run", "-i", "--rm", "-v", "mcp-cache:/cache", "--mount", mount, "mcp/filesystem@sha256:x"]
	count(control.deny) == 0 with input as testing.server("docker", args)
}

test_deny_root_and_home if {
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as _fs(["/"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as _fs(["~"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 3]) with input as _fs(["./ok", "${env:HOME}/projects"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as _fs(["$HOME"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as _fs(["C:\\Users\\me"])
}

test_deny_escapes_from_the_workspace if {
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as _fs(["${workspaceFolder}/../other"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as _fs(["../secrets"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as _fs(["docs/../../.."])
}

test_deny_host_mounts if {
	args := ["run", "-i", "--rm", "-v", "/etc:/host-etc:ro", "mcp/filesystem@sha256:x"]
	testing.fires(control.deny, ["mcpServers", "s", "args", 4]) with input as testing.server("docker", args)
	mount := ["run", "-i", "--mount", "type=bind,source=/,target=/host", "mcp/filesystem@sha256:x"]
	testing.fires(control.deny, ["mcpServers", "s", "args", 3]) with input as testing.server("docker", mount)
	joined := ["run", "-i", "--volume=/home/me:/home/me", "mcp/filesystem@sha256:x"]
	testing.fires(control.deny, ["mcpServers", "s", "args", 2]) with input as testing.server("docker", joined)
}

test_pass_flags_of_the_server_are_not_roots if {
	count(control.deny) == 0 with input as _fs(["--readonly", "${workspaceFolder}"])
}

test_deny_without_params_is_undetermined if {
	some finding in control.deny with input as _fs([]) with data.riskreg_params as {}
	finding.undetermined
}
