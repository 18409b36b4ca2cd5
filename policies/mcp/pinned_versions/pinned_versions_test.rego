package riskreg.mcp.pinned_versions_test

import data.riskreg.lib.mcp.testing
import data.riskreg.mcp.pinned_versions as control

_digest := "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

test_pass_exact_npm_version if {
	config := testing.server("npx", ["-y", "@modelcontextprotocol/server-memory@2025.4.25"])
	count(control.deny) == 0 with input as config
	count(control.checked) == 1 with input as config
}

test_pass_exact_python_versions if {
	count(control.deny) == 0 with input as testing.server("uvx", ["mcp-server-fetch==2025.4.7"])
	count(control.deny) == 0 with input as testing.server("uvx", ["--from", "mcp-server-git==0.6.2", "mcp-server-git"])
	count(control.deny) == 0 with input as testing.server("pipx", ["run", "mcp-server-time@0.6.2"])
}

test_pass_image_by_digest if {
	args := ["run", "-i", "--rm", "-e", "TOKEN", concat("@", ["ghcr.io/github/github-mcp-server", _digest])]
	count(control.deny) == 0 with input as testing.server("docker", args)
}

test_pass_local_commands_are_not_judged if {
	count(control.deny) == 0 with input as testing.server("node", ["build/index.js"])
	count(control.checked) == 0 with input as testing.server("node", ["build/index.js"])
}

_arg(i) := ["mcpServers", "s", "args", i]

test_deny_latest_and_missing_versions if {
	testing.fires(control.deny, _arg(1)) with input as testing.server("npx", ["-y", "@playwright/mcp@latest"])
	testing.fires(control.deny, _arg(0)) with input as testing.server("npx", ["@playwright/mcp"])
	testing.fires(control.deny, _arg(0)) with input as testing.server("npx", ["@playwright/mcp@^0.0.40"])
	testing.fires(control.deny, _arg(0)) with input as testing.server("uvx", ["awslabs.aws-api-mcp-server@latest"])
	testing.fires(control.deny, _arg(0)) with input as testing.server("uvx", ["mcp-server-fetch>=2025.1"])
}

test_deny_the_package_named_by_a_flag if {
	flagged := testing.server("npx", ["-p", "@playwright/mcp", "mcp-server-playwright"])
	testing.fires(control.deny, _arg(1)) with input as flagged
	testing.fires(control.deny, _arg(1)) with input as testing.server("pnpm", ["dlx", "@playwright/mcp"])
}

test_deny_image_by_tag if {
	args := ["run", "--rm", "-i", "-e", "X=1", "hashicorp/terraform-mcp-server:0.4.0"]
	testing.fires(control.deny, ["mcpServers", "s", "args", 5]) with input as testing.server("docker", args)
}

test_deny_descriptor_without_exact_version if {
	descriptor := _descriptor({"registryType": "npm", "identifier": "y", "version": "latest"})
	testing.fires(control.deny, ["packages", 0, "version"]) with input as testing.named("server.json", descriptor)
}

test_pass_descriptor_templates_are_not_judged if {
	descriptor := _descriptor({"registryType": "oci", "identifier": "ghcr.io/x/y:${VERSION}"})
	count(control.deny) == 0 with input as testing.named("server.json", descriptor)
}

test_deny_unknown_registry_type_is_undetermined if {
	descriptor := _descriptor({"registryType": "cargo", "identifier": "y", "version": "1.0.0"})
	some finding in control.deny with input as testing.named("server.json", descriptor)
	finding.undetermined
}

test_deny_without_params_is_undetermined if {
	some finding in control.deny with input as testing.server("node", ["x.js"]) with data.riskreg_params as {}
	finding.undetermined
	finding.path == []
}

_descriptor(pkg) := {"name": "io.github.x/y", "packages": [pkg]}
