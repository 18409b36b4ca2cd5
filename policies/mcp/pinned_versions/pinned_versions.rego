# METADATA
# title: MCP servers run pinned versions
# description: >-
#   Checks that every MCP server fetched from a registry runs an exact, immutable version:
#   npx/bunx/pnpm dlx packages as name@1.2.3, uvx/pipx packages as name==1.2.3 (or
#   name@1.2.3), docker/podman images by digest (image@sha256:...), and registry server.json
#   packages with an exact version (OCI by digest). `@latest`, no version, a range or a tag
#   fail: the code the agent runs would change under it whenever the publisher (or whoever
#   takes over the package) publishes. Local commands fetch nothing and are not judged;
#   server.json versions that are release-time templates (${VERSION}) are not judged either.
#   The register has no supply-chain mitigation; mit1166.m3 (stringent access management over
#   the deployment environment against external threat actors) is the closest honest fit.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
#   - ref: https://modelcontextprotocol.io/docs/tutorials/security/security_best_practices
#     description: MCP security best practices
# custom:
#   id: MCP-001
#   severity: high
#   mitigates: [mit1166.m3]
#   kinds: [MCPConfiguration]
#   version: 1
#   frameworks:
#     nist_ai_rmf: [GOVERN 6.1, MAP 4.1]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.10.3]
package riskreg.mcp.pinned_versions

import data.riskreg.lib.mcp
import data.riskreg.lib.result

_how := {
	"npm": "give an exact version, e.g. name@1.2.3",
	"pypi": "give an exact version, e.g. name==1.2.3",
	"oci": "pin the image by digest, e.g. image@sha256:<digest>",
	"nuget": "give an exact version",
}

deny contains finding if {
	some p in mcp.packages
	not p.template
	p.ecosystem in object.keys(_how)
	not p.pinned
	text := sprintf(
		"%s %s package %q is not pinned (%s): %s",
		[_who(p), p.ecosystem, p.package, _written(p.spec), _how[p.ecosystem]],
	)
	finding := mcp.finding(rego.metadata.chain(), p.entry, p.path, text)
}

deny contains finding if {
	some p in mcp.packages
	p.ecosystem == "other"
	text := sprintf("%s package %q comes from a registry type riskreg does not understand", [_who(p), p.package])
	finding := mcp.undetermined(rego.metadata.chain(), p.entry, p.path, text)
}

deny contains finding if {
	some config in mcp.unconfigured
	finding := mcp.undetermined(rego.metadata.chain(), config.entry, [], mcp.no_params)
}

checked contains result.verified(p.entry) if {
	some p in mcp.packages
	not p.template
}

_who(p) := sprintf("server %q:", [p.name])

_written("") := "no version given"

_written(spec) := sprintf("written %q", [spec]) if spec != ""
