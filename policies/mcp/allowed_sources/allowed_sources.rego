# METADATA
# title: MCP servers come from allowed packages and registries
# description: >-
#   Checks that every MCP server fetched from a registry (npx/uvx/pipx packages, docker/podman
#   images, registry server.json packages) is a package in params.mcp.allowed_packages and comes
#   from a registry in params.mcp.allowed_registries: the explicit --registry/--index-url, the
#   descriptor's registryBaseUrl, the image's registry host, or else the ecosystem's default.
#   A server is code that runs with the agent's (and the user's) access; an allowlist limits the
#   agent to tools someone reviewed, which is least privilege over what the agent can do. A
#   registry server.json is its publisher's own listing, so only its registries are judged.
#   Local commands and remote servers are judged by other controls (MCP-006, MCP-003).
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: MCP-004
#   severity: medium
#   mitigates: [mit1163.m1]
#   kinds: [MCPConfiguration]
#   version: 1
#   frameworks:
#     nist_ai_rmf: [GOVERN 6.1, MAP 4.1]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.10.3]
package riskreg.mcp.allowed_sources

import data.riskreg.lib.mcp
import data.riskreg.lib.result

deny contains finding if {
	some p in _judged
	p.source == "client"
	not _allowed_package(p)
	text := sprintf("server %q: %s package %q is not in allowed_packages", [p.name, p.ecosystem, p.package])
	finding := mcp.finding(rego.metadata.chain(), p.entry, p.path, text)
}

deny contains finding if {
	some p in _judged
	some registry in p.registries
	not _allowed_registry(p.ecosystem, registry.url)
	text := sprintf("server %q: %s registry %q is not in allowed_registries", [p.name, p.ecosystem, registry.url])
	finding := mcp.finding(rego.metadata.chain(), p.entry, registry.path, text)
}

deny contains finding if {
	some config in mcp.unconfigured
	finding := mcp.undetermined(rego.metadata.chain(), config.entry, [], mcp.no_params)
}

checked contains result.verified(p.entry) if {
	some p in _judged
}

# A package whose very name is a template (<<NpmPackageName>>) is filled in at release.
_judged contains p if {
	some p in mcp.packages
	not mcp.template(p.package)
}

_allowed_package(p) if {
	some pattern in object.get(mcp.params.allowed_packages, p.ecosystem, [])
	glob.match(pattern, ["/"], p.package)
}

_allowed_registry(ecosystem, url) if {
	some allowed in object.get(mcp.params.allowed_registries, ecosystem, [])
	trim_right(lower(url), "/") == trim_right(lower(allowed), "/")
}
