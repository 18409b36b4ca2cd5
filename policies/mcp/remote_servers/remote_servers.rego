# METADATA
# title: Remote MCP servers are reached over https, only at allowed hosts
# description: >-
#   Checks every remote MCP endpoint (a client server's url, serverUrl or httpUrl; a registry
#   descriptor's remotes): the scheme is https (plain http only to the machine itself, when
#   params allow it), and the host is in params.mcp.allowed_hosts. An agent's tool calls,
#   with whatever data the agent puts in them, go to that host: an unlisted host is an
#   outbound channel nobody approved, and http exposes the calls and their credentials on the
#   way. A host written as a template filled in at run time (https://{host}/mcp) cannot be
#   judged and is reported as undetermined.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: MCP-003
#   severity: high
#   mitigates: [mit1163.m2]
#   kinds: [MCPConfiguration]
#   version: 1
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.mcp.remote_servers

import data.riskreg.lib.mcp
import data.riskreg.lib.result

# scheme, host; a host may hold ${...} templates (with `:` inside) and an IPv6 literal [...].
_url := `^([A-Za-z][A-Za-z0-9+.-]*)://(?:[^@/?#$]*@)?(\[[^\]]*\]|(?:\$\{[^}]*\}|[^:/?#])*)`

deny contains finding if {
	some remote in mcp.remotes
	[scheme, host] := _parts(remote.url)
	not _secure(scheme, host)
	text := sprintf("server %q is reached over %s, not https: %s", [remote.name, scheme, remote.url])
	finding := mcp.finding(rego.metadata.chain(), remote.entry, remote.path, text)
}

deny contains finding if {
	some remote in mcp.remotes
	[_, host] := _parts(remote.url)
	not _allowed(host)
	not mcp.template(host)
	text := sprintf("server %q connects to %s, which is not in allowed_hosts", [remote.name, host])
	finding := mcp.finding(rego.metadata.chain(), remote.entry, remote.path, text)
}

deny contains finding if {
	some remote in mcp.remotes
	_undeterminable(remote.url)
	text := sprintf("server %q: the host of %s is filled in at run time", [remote.name, remote.url])
	finding := mcp.undetermined(rego.metadata.chain(), remote.entry, remote.path, text)
}

deny contains finding if {
	some config in mcp.unconfigured
	finding := mcp.undetermined(rego.metadata.chain(), config.entry, [], mcp.no_params)
}

checked contains result.verified(remote.entry) if {
	some remote in mcp.remotes
}

_parts(url) := [lower(match[1]), lower(match[2])] if {
	match := regex.find_all_string_submatch_n(_url, url, 1)[0]
}

_undeterminable(url) if not _parts(url)

_undeterminable(url) if {
	[_, host] := _parts(url)
	mcp.template(host)
	not _allowed(host)
}

_secure("https", _)

_secure("http", host) if {
	mcp.params.allow_loopback_http
	host in mcp.params.loopback_hosts
}

_allowed(host) if host in mcp.params.loopback_hosts

_allowed(host) if {
	some pattern in mcp.params.allowed_hosts
	glob.match(lower(pattern), ["."], host)
}
