package riskreg.mcp.allowed_sources_test

import data.riskreg.lib.mcp.testing
import data.riskreg.mcp.allowed_sources as control

test_pass_reference_server_from_npm if {
	config := testing.server("npx", ["-y", "@modelcontextprotocol/server-memory@2025.4.25"])
	count(control.deny) == 0 with input as config
	count(control.checked) == 1 with input as config
}

test_pass_image_from_an_allowed_registry if {
	config := testing.server("docker", ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server:v0.9.0"])
	count(control.deny) == 0 with input as config
}

test_pass_registry_with_trailing_slash if {
	config := testing.server("npx", ["--registry", "https://registry.npmjs.org/", "@playwright/mcp@0.0.41"])
	count(control.deny) == 0 with input as config
}

test_deny_unknown_package if {
	unknown := testing.server("npx", ["-y", "mcp-server-anything@1.0.0"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 1]) with input as unknown
	testing.fires(control.deny, ["mcpServers", "s", "args", 0]) with input as testing.server("uvx", ["some-mcp==1.0.0"])
}

test_deny_typosquat_of_an_allowed_scope if {
	config := testing.server("npx", ["@modelcontextprotocol-tools/server-git@1.0.0"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 0]) with input as config
}

test_deny_other_registry if {
	config := testing.server("npx", ["--registry", "https://npm.mirror.example", "@playwright/mcp@0.0.41"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 1]) with input as config
	config2 := testing.server("uvx", ["--index-url=https://pypi.mirror.example/simple", "mcp-server-fetch==2025.4.7"])
	testing.fires(control.deny, ["mcpServers", "s", "args", 0]) with input as config2
}

test_deny_image_from_another_registry if {
	config := testing.server("docker", ["run", "-i", "registry.example.com/mcp/github:1"])
	some finding in control.deny with input as config
	contains(finding.msg, "registry.example.com")
}

test_deny_descriptor_registry_base_url if {
	descriptor := {"name": "io.github.x/y", "packages": [{
		"registryType": "npm", "registryBaseUrl": "https://npm.example",
		"identifier": "@playwright/mcp", "version": "1.0.0",
	}]}
	config := testing.named("server.json", descriptor)
	testing.fires(control.deny, ["packages", 0, "registryBaseUrl"]) with input as config
}

test_pass_templated_names_are_not_judged if {
	pkg := {"registryType": "npm", "identifier": "<<NpmPackageName>>", "version": "<<Version>>"}
	descriptor := {"name": "x", "packages": [pkg]}
	count(control.deny) == 0 with input as testing.named("server.json", descriptor)
}

test_deny_without_params_is_undetermined if {
	some finding in control.deny with input as testing.server("node", ["x"]) with data.riskreg_params as {}
	finding.undetermined
}

test_pass_a_publishers_own_package_in_its_descriptor if {
	descriptor := {"name": "io.github.x/y", "packages": [{"registryType": "npm", "identifier": "y", "version": "1.0.0"}]}
	count(control.deny) == 0 with input as testing.named("server.json", descriptor)
	count(control.checked) == 1 with input as testing.named("server.json", descriptor)
}
