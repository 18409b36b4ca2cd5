# METADATA
# title: Command-running MCP servers run in a sandbox
# description: >-
#   Checks that MCP servers which run commands for the agent (shells and terminals, SSH,
#   kubectl and Kubernetes, Docker, offensive-security toolkits: params.mcp.
#   command_execution_servers, matched on the server's name and package or image) run sandboxed:
#   in a container without host access (no --privileged, host network, host PID/IPC/user
#   namespaces, added capabilities or Docker socket), under a sandbox wrapper (bwrap, firejail,
#   nsjail, sandbox-exec, runsc), or through the Docker MCP gateway, which runs servers in
#   containers. On the host, whatever the agent is talked into (a prompt injection in a web
#   page or an issue) runs with the user's full authority: the sandbox is the boundary that
#   keeps it from reaching past its task or copying itself elsewhere.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: MCP-006
#   severity: critical
#   mitigates: [mit1158.m2, mit1158.m1]
#   kinds: [MCPConfiguration]
#   version: 1
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.mcp.command_sandbox

import data.riskreg.lib.mcp
import data.riskreg.lib.result

deny contains finding if {
	some server in mcp.command_servers
	some reason in mcp.unsandboxed(server)
	text := sprintf("server %q runs commands for the agent and %s", [server.name, reason.text])
	finding := mcp.finding(rego.metadata.chain(), server.entry, reason.path, text)
}

deny contains finding if {
	some config in mcp.unconfigured
	finding := mcp.undetermined(rego.metadata.chain(), config.entry, [], mcp.no_params)
}

checked contains result.verified(server.entry) if {
	some server in mcp.command_servers
}
