package riskreg.lib.mcp_test

import data.riskreg.lib.mcp
import data.riskreg.lib.mcp.testing

test_pass_shapes_by_content_and_name if {
	shapes := {config.shape | some config in mcp.configs} with input as testing.named("x.json", {"mcpServers": {}})
	shapes == {"client"}
	settings := {"mcp": {"servers": {"a": {"command": "x"}}}}
	{c.shape | some c in mcp.configs} == {"settings"} with input as testing.named("settings.json", settings)
	plugin := {"github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/"}}
	{c.shape | some c in mcp.configs} == {"plugin"} with input as testing.named("x/.mcp.json", plugin)
	descriptor := {"name": "io.github.x/y", "packages": [{"registryType": "npm", "identifier": "y"}]}
	{c.shape | some c in mcp.configs} == {"descriptor"} with input as testing.named("server.json", descriptor)
}

test_pass_manifests_are_no_mcp_configurations if {
	manifest := {"apiVersion": "v1", "kind": "ConfigMap", "servers": {"a": {"command": "x"}}}
	count(mcp.configs) == 0 with input as testing.named("cm.json", manifest)
}

test_pass_plugin_shape_needs_the_name if {
	plugin := {"github": {"type": "http", "url": "https://api.githubcopilot.com/mcp/"}}
	documents := [{"path": "x.json", "index": 0, "contents": plugin}]
	count(mcp.configs) == 0 with input as {"riskreg": {"schema": 2}, "documents": documents}
}

test_pass_command_names if {
	mcp.command_name("C:\\tools\\NPX.cmd") == "npx"
	mcp.command_name("/usr/local/bin/docker") == "docker"
}

test_pass_images if {
	mcp.image("kali-mcp-server").name == "docker.io/library/kali-mcp-server"
	mcp.image("hashicorp/terraform-mcp-server:0.4.0").tag == "0.4.0"
	mcp.image("localhost:5000/x/y@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef").host == "localhost:5000"
	mcp.image("ghcr.io/github/github-mcp-server:v1").name == "ghcr.io/github/github-mcp-server"
}

test_pass_specs if {
	mcp.npm_spec("@scope/name@1.2.3") == {"name": "@scope/name", "version": "1.2.3"}
	mcp.npm_spec("name") == {"name": "name", "version": ""}
	mcp.pypi_spec("Mcp-Server-Git[x]==0.6.2") == {"name": "mcp-server-git", "operator": "==", "version": "0.6.2"}
}

test_pass_launch_of_docker_options_and_image if {
	config := testing.server("docker", ["run", "-i", "--rm", "-e", "X=1", "--network", "none", "img:1"])
	some launch in mcp.launches with input as config
	launch.ecosystem == "oci"
	launch.index == 7
	[option.arg | some option in mcp.options(launch)] == ["-i", "--rm", "-e", "X=1", "--network", "none"]
}

test_pass_local_commands if {
	some launch in mcp.launches with input as testing.server("node", ["build/index.js"])
	launch.ecosystem == "local"
	launch.index == -1
}

test_pass_workspace if {
	mcp.inside_workspace("${workspaceFolder}")
	mcp.inside_workspace("./data")
	not mcp.inside_workspace("/")
	not mcp.inside_workspace("~/x")
	not mcp.inside_workspace("../x")
}

test_pass_templates if {
	mcp.template("${VERSION}")
	mcp.template("$VERSION")
	mcp.template("{host}")
	mcp.template("<<Version>>")
	not mcp.template("1.2.3")
}

test_pass_findings_name_the_file if {
	entry := {"path": ".vscode/mcp.json", "index": 0, "contents": {"servers": {}}}
	chain := [{"annotations": {"custom": {"id": "MCP-999"}}}]
	finding := mcp.finding(chain, entry, ["servers"], "text")
	finding.resource == "MCPConfiguration//.vscode/mcp.json"
	finding.path == ["servers"]
	finding.msg == "MCP-999: text"
	mcp.undetermined(chain, entry, [], "why").undetermined
}

test_pass_unconfigured_without_params if {
	count(mcp.unconfigured) == 1 with input as testing.server("node", []) with data.riskreg_params as {}
	count(mcp.unconfigured) == 0 with input as testing.server("node", [])
}
