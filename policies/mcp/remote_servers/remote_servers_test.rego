package riskreg.mcp.remote_servers_test

import data.riskreg.lib.mcp.testing
import data.riskreg.mcp.remote_servers as control

_remote(url) := testing.target({"mcpServers": {"r": {"type": "http", "url": url}}})

test_pass_https_to_an_allowed_host if {
	count(control.deny) == 0 with input as _remote("https://mcp.stripe.com")
	count(control.checked) == 1 with input as _remote("https://mcp.stripe.com")
}

test_pass_http_to_the_machine_itself if {
	count(control.deny) == 0 with input as _remote("http://localhost:7071/runtime/webhooks/mcp")
	count(control.deny) == 0 with input as _remote("http://127.0.0.1:8080/mcp")
}

test_pass_wildcard_label if {
	params := {"mcp": {"allowed_hosts": ["*.azurewebsites.net"], "loopback_hosts": [], "allow_loopback_http": false}}
	url := "https://${input:app}.azurewebsites.net/runtime/webhooks/mcp"
	count(control.deny) == 0 with input as _remote(url) with data.riskreg_params as params
}

test_deny_plain_http if {
	testing.fires(control.deny, ["mcpServers", "r", "url"]) with input as _remote("http://mcp.stripe.com/mcp")
}

test_deny_loopback_http_when_not_allowed if {
	params := {"mcp": {"allowed_hosts": [], "loopback_hosts": ["localhost"], "allow_loopback_http": false}}
	config := _remote("http://localhost:1/")
	testing.fires(control.deny, ["mcpServers", "r", "url"]) with input as config with data.riskreg_params as params
}

test_deny_unlisted_host if {
	testing.fires(control.deny, ["mcpServers", "r", "url"]) with input as _remote("https://mcp.attacker.example/sse")
}

test_deny_lookalike_host if {
	testing.fires(control.deny, ["mcpServers", "r", "url"]) with input as _remote("https://mcp.stripe.com.evil.example/")
	testing.fires(control.deny, ["mcpServers", "r", "url"]) with input as _remote("https://mcp.stripe.com@evil.example/")
}

test_deny_other_url_fields if {
	config := testing.target({"mcpServers": {"w": {"serverUrl": "https://evil.example/mcp"}}})
	testing.fires(control.deny, ["mcpServers", "w", "serverUrl"]) with input as config
}

test_deny_templated_host_is_undetermined if {
	descriptor := {"name": "io.github.x/y", "remotes": [{"type": "streamable-http", "url": "https://{host}/mcp"}]}
	some finding in control.deny with input as testing.named("server.json", descriptor)
	finding.undetermined
	finding.path == ["remotes", 0, "url"]
}

test_deny_without_params_is_undetermined if {
	some finding in control.deny with input as _remote("https://x") with data.riskreg_params as {}
	finding.undetermined
}
