# METADATA
# title: MCP configurations carry no inline secrets
# description: >-
#   Checks that no credential is written into an MCP configuration: tokens of well-known shapes
#   (GitHub, OpenAI, Anthropic, AWS, Slack, Google, GitLab, Stripe, Hugging Face, npm, private
#   key blocks) anywhere, and high-entropy tokens in a server's env, args, headers and URL.
#   These files are committed and shared, so an inline token is a leaked token, and whoever
#   holds it has the agent's access to the API behind it. riskreg redacts every secret at load
#   time (no output ever carries it) and this control fails on each redaction marker; under
#   conftest it matches the raw shapes from params (high entropy is riskreg's alone).
#   References resolved at run time (${input:id}, ${env:NAME}, ${NAME}) are the fix.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: MCP-002
#   severity: critical
#   mitigates: [mit1166.m3]
#   kinds: [MCPConfiguration]
#   version: 1
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.mcp.inline_secrets

import data.riskreg.lib.mcp
import data.riskreg.lib.result

_marker := `<redacted:([a-z0-9-]+):[0-9a-f]{12}>`

deny contains finding if {
	some item in mcp.texts
	some kind in _secrets(item.value)
	text := sprintf(
		"an inline %s is written in the configuration; pass it by reference (${input:id}, ${env:NAME}) instead",
		[kind],
	)
	finding := mcp.finding(rego.metadata.chain(), item.entry, item.path, text)
}

deny contains finding if {
	some config in mcp.unconfigured
	finding := mcp.undetermined(rego.metadata.chain(), config.entry, [], mcp.no_params)
}

checked contains result.verified(config.entry) if {
	some config in mcp.configs
}

# Redaction markers (riskreg) and raw credential shapes (conftest, which does not redact).
_secrets(value) := {match[1] | some match in regex.find_all_string_submatch_n(_marker, value, -1)} | {kind |
	some kind, pattern in mcp.params.secret_patterns
	regex.match(pattern, value)
}
