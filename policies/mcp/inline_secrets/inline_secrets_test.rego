package riskreg.mcp.inline_secrets_test

import data.riskreg.lib.mcp.testing
import data.riskreg.mcp.inline_secrets as control

_with_env(env) := testing.target({"mcpServers": {"s": {"command": "node", "args": ["x.js"], "env": env}}})

test_pass_references if {
	config := _with_env({"GITHUB_TOKEN": "${env:GITHUB_TOKEN}", "KEY": "${input:key}", "LOG": "debug"})
	count(control.deny) == 0 with input as config
	count(control.checked) == 1 with input as config
}

test_deny_redaction_marker if {
	config := _with_env({"GITHUB_TOKEN": "<redacted:github-token:0123456789ab>"})
	testing.fires(control.deny, ["mcpServers", "s", "env", "GITHUB_TOKEN"]) with input as config
}

test_deny_marker_inside_a_header if {
	headers := {"Authorization": "Bearer <redacted:stripe-key:0123456789ab>"}
	config := testing.target({"servers": {"r": {"type": "http", "url": "https://mcp.stripe.com", "headers": headers}}})
	testing.fires(control.deny, ["servers", "r", "headers", "Authorization"]) with input as config
}

test_deny_raw_token_shapes_under_conftest if {
	token := concat("", ["ghp_", "aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"])
	config := _with_env({"GITHUB_TOKEN": token})
	some finding in control.deny with input as config
	contains(finding.msg, "github-token")
}

test_deny_private_key_in_args if {
	key := "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----"
	config := testing.target({"mcpServers": {"ssh": {"command": "ssh-mcp", "args": ["--key", key]}}})
	testing.fires(control.deny, ["mcpServers", "ssh", "args", 1]) with input as config
}

test_deny_without_params_is_undetermined if {
	some finding in control.deny with input as _with_env({}) with data.riskreg_params as {}
	finding.undetermined
}
