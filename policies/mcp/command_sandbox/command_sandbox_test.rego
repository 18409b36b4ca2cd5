package riskreg.mcp.command_sandbox_test

import data.riskreg.lib.mcp.testing
import data.riskreg.mcp.command_sandbox as control

_named(name, command, args) := testing.target({"mcpServers": {name: {"command": command, "args": args}}})

_image := "ghcr.io/example/shell-mcp@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

test_pass_shell_in_a_plain_container if {
	config := _named("shell", "docker", ["run", "-i", "--rm", "--read-only", "--network", "none", _image])
	count(control.deny) == 0 with input as config
	count(control.checked) == 1 with input as config
}

test_pass_sandbox_wrapper if {
	config := _named("terminal", "bwrap", ["--ro-bind", "/usr", "/usr", "--", "shell-mcp"])
	count(control.deny) == 0 with input as config
}

test_pass_docker_mcp_gateway if {
	count(control.deny) == 0 with input as _named("MCP_DOCKER", "docker", ["mcp", "gateway", "run"])
}

test_pass_servers_that_run_no_commands_are_not_judged if {
	config := _named("memory", "npx", ["@modelcontextprotocol/server-memory@2025.4.25"])
	count(control.deny) == 0 with input as config
	count(control.checked) == 0 with input as config
}

test_deny_shell_on_the_host if {
	config := _named("shell", "npx", ["mcp-shell@1.0.0"])
	testing.fires(control.deny, ["mcpServers", "shell", "command"]) with input as config
}

test_deny_recognised_by_package_not_name if {
	config := _named("helper", "npx", ["-y", "@wonderwhy-er/desktop-commander@0.2.7"])
	testing.fires(control.deny, ["mcpServers", "helper", "command"]) with input as config
}

test_deny_container_with_host_access if {
	config := _named("kali", "docker", ["run", "-i", "--network", "host", "kali-mcp-server@sha256:x"])
	testing.fires(control.deny, ["mcpServers", "kali", "args", 2]) with input as config
	privileged := _named("kubectl", "docker", ["run", "-i", "--privileged", _image])
	testing.fires(control.deny, ["mcpServers", "kubectl", "args", 2]) with input as privileged
	joined := _named("ssh", "podman", ["run", "-i", "--pid=host", _image])
	testing.fires(control.deny, ["mcpServers", "ssh", "args", 2]) with input as joined
}

test_deny_docker_socket if {
	config := _named("docker-mcp", "docker", ["run", "-i", "-v", "/var/run/docker.sock:/var/run/docker.sock", _image])
	testing.fires(control.deny, ["mcpServers", "docker-mcp", "args", 2]) with input as config
}

test_deny_without_params_is_undetermined if {
	some finding in control.deny with input as _named("shell", "sh", []) with data.riskreg_params as {}
	finding.undetermined
}
