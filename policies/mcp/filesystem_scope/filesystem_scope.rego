# METADATA
# title: MCP filesystem servers are confined to the workspace
# description: >-
#   Checks that what a filesystem MCP server serves (the folders given after its package,
#   for the servers in params.mcp.filesystem_servers) and every host path bind-mounted into a
#   containerised server (-v, --volume, --mount type=bind) stay inside the workspace: a path
#   relative to it without `..`, or under a workspace variable such as ${workspaceFolder}.
#   `/`, `~`, $HOME, ${env:HOME}, /etc, a drive letter or a `..` escape give the agent the
#   user's whole machine to read and write (keys, tokens, other projects). Least privilege for
#   filesystem access, and a boundary around the agent's resources.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163, mit1158
# custom:
#   id: MCP-005
#   severity: high
#   mitigates: [mit1163.m1, mit1158.m2]
#   kinds: [MCPConfiguration]
#   version: 1
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.mcp.filesystem_scope

import data.riskreg.lib.mcp
import data.riskreg.lib.result

deny contains finding if {
	some root in mcp.filesystem_roots
	not mcp.inside_workspace(root.value)
	text := sprintf("filesystem server %q serves %q, outside the workspace", [root.name, root.value])
	finding := mcp.finding(rego.metadata.chain(), root.entry, root.path, text)
}

deny contains finding if {
	some mount in mcp.mounts
	not mcp.inside_workspace(mount.source)
	text := sprintf(
		"server %q mounts the host path %q into its container, outside the workspace",
		[mount.name, mount.source],
	)
	finding := mcp.finding(rego.metadata.chain(), mount.entry, mount.path, text)
}

deny contains finding if {
	some config in mcp.unconfigured
	finding := mcp.undetermined(rego.metadata.chain(), config.entry, [], mcp.no_params)
}

checked contains result.verified(server.entry) if {
	some server in mcp.filesystem_servers
}

checked contains result.verified(mount.entry) if {
	some mount in mcp.mounts
}
