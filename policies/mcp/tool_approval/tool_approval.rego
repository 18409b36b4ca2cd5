# METADATA
# title: MCP tools are not run without the user's approval
# description: >-
#   Checks that no MCP configuration lets tools run without asking the user: a server's
#   autoApprove (Cline, Roo, Kiro, Amazon Q) or alwaysAllow (Roo) list, Gemini CLI's
#   `trust: true`, and VS Code's global chat.tools.autoApprove. The confirmation is the one point
#   where a person sees what the agent is about to do; without it a prompt injection turns
#   straight into actions (sending data out, changing files, running commands). It is the
#   friction and capability gating of mit1166.m1 and the control over unauthorized commands of
#   mit1158.m1.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166, mit1158
# custom:
#   id: MCP-007
#   severity: high
#   mitigates: [mit1166.m1, mit1158.m1]
#   kinds: [MCPConfiguration]
#   version: 1
#   frameworks:
#     nist_ai_rmf: [MAP 3.5]
#     eu_ai_act: [Article 14]
#     iso_iec_42001: [A.9.2]
package riskreg.mcp.tool_approval

import data.riskreg.lib.mcp
import data.riskreg.lib.result

deny contains finding if {
	some approval in mcp.auto_approvals
	finding := mcp.finding(rego.metadata.chain(), approval.entry, approval.path, approval.text)
}

deny contains finding if {
	some config in mcp.unconfigured
	finding := mcp.undetermined(rego.metadata.chain(), config.entry, [], mcp.no_params)
}

checked contains result.verified(server.entry) if {
	some server in mcp.servers
}

checked contains result.verified(config.entry) if {
	some config in mcp.configs
	config.shape == "settings"
}
