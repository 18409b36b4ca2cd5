# METADATA
# title: MCP configurations
# description: >-
#   Finds MCP configurations among a target's documents by shape (so conftest finds them too):
#   client files with `mcpServers` (Claude, Cursor, Windsurf, Gemini CLI, Cline), `servers`
#   (VS Code mcp.json), `mcp.servers` (VS Code settings.json), a Claude plugin's bare
#   name -> server map (recognised by its `.mcp.json` file name), and registry `server.json`
#   descriptors. Offers their servers, remote endpoints and registry packages, each with the
#   path (JSON Pointer segments) of where it is written. riskreg/manifests/mcp.py applies the
#   same rules in Python; a test keeps both in step on real files.
package riskreg.lib.mcp

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: >-
#   A finding made by riskreg.lib.result, its resource naming the MCP file (an MCP document has
#   no kind or name of its own).
finding(chain, entry, path, text) := object.union(
	result.make(chain, entry, path, text),
	{"resource": resource(entry)},
)

# METADATA
# description: An undetermined finding (riskreg.lib.result), its resource naming the MCP file.
undetermined(chain, entry, path, text) := object.union(
	result.undetermined(chain, entry, path, text),
	{"resource": resource(entry)},
)

# METADATA
# description: How findings name an MCP document, e.g. MCPConfiguration//.vscode/mcp.json.
resource(entry) := sprintf("MCPConfiguration//%s", [entry.path])

# METADATA
# description: The MCP parameters (data.riskreg_params.mcp, from policies/params.yaml).
params := data.riskreg_params.mcp

# METADATA
# description: >-
#   The MCP configurations that cannot be judged because data.riskreg_params.mcp is missing:
#   every control reports them as undetermined (fails closed) instead of passing.
unconfigured contains config if {
	not _has_params
	some config in configs
}

_has_params if is_object(data.riskreg_params.mcp)

# METADATA
# description: The text of an undetermined finding for an unconfigured MCP document.
no_params := "data.riskreg_params.mcp is missing (give policies/params.yaml as data)"

# METADATA
# description: Every MCP document of the target as {entry, shape}; shape is client, settings, plugin or descriptor.
configs contains {"entry": entry, "shape": shape} if {
	some entry in target.entries
	shape := _shape(entry)
}

_shape(entry) := "client" if {
	_not_manifest(entry.contents)
	is_object(entry.contents.mcpServers)
} else := "client" if {
	_not_manifest(entry.contents)
	is_object(entry.contents.servers)
	_named_or_servers(entry, entry.contents.servers)
} else := "settings" if {
	_not_manifest(entry.contents)
	is_object(entry.contents.mcp.servers)
} else := "descriptor" if {
	_not_manifest(entry.contents)
	_descriptor(entry.contents)
} else := "plugin" if {
	_not_manifest(entry.contents)
	named(entry)
	_servers_like(entry.contents)
} else := "client" if {
	_not_manifest(entry.contents)
	named(entry)
}

_not_manifest(contents) if {
	not "kind" in object.keys(contents)
	not "apiVersion" in object.keys(contents)
}

_named_or_servers(entry, _) if named(entry)

_named_or_servers(_, servers) if _servers_like(servers)

# METADATA
# scope: document
# description: Whether the entry's file name says MCP configuration (as riskreg's reader decides it).
named(entry) if object.get(entry, "format", "") == "mcp"

named(entry) if {
	is_string(entry.path)
	regex.match(
		`(?i)(?:^|[._/])mcp\.json$|claude_desktop_config[^/]*\.json$|(?:^|[_/])mcp_config\.json$|mcp_settings\.json$`,
		entry.path,
	)
}

_url_fields := ["url", "serverUrl", "httpUrl"]

_servers_like(servers) if {
	count(servers) > 0
	every server in servers {
		is_object(server)
		some field in array.concat(["command"], _url_fields)
		is_string(server[field])
	}
}

_descriptor(contents) if {
	is_string(contents.name)
	_descriptor_evidence(contents)
	some field in ["packages", "remotes"]
	is_array(contents[field])
}

_descriptor_evidence(contents) if contains(object.get(contents, "$schema", ""), "server.schema.json")

_descriptor_evidence(contents) if {
	some field in ["packages", "remotes"]
	some item in object.get(contents, field, [])
	some key in ["registryType", "url"]
	key in object.keys(item)
}

_server_maps(config) := [["mcpServers"], ["servers"]] if config.shape == "client"

_server_maps(config) := [["mcp", "servers"]] if config.shape == "settings"

_server_maps(config) := [[]] if config.shape == "plugin"

# METADATA
# description: >-
#   Every server of the client configurations as {entry, name, path, server}; path points at
#   the server object.
servers contains {"entry": config.entry, "name": name, "path": array.concat(prefix, [name]), "server": server} if {
	some config in configs
	some prefix in _server_maps(config)
	map := object.get(config.entry.contents, prefix, {})
	is_object(map)
	some name, server in map
	is_object(server)
}

# METADATA
# scope: document
# description: >-
#   Every remote endpoint as {entry, name, path, url}: client servers' URLs and descriptor remotes.
remotes contains {"entry": s.entry, "name": s.name, "path": array.concat(s.path, [field]), "url": url} if {
	some s in servers
	some field in _url_fields
	url := s.server[field]
	is_string(url)
}

remotes contains {"entry": config.entry, "name": name, "path": ["remotes", i, "url"], "url": remote.url} if {
	some config in configs
	config.shape == "descriptor"
	some i, remote in object.get(config.entry.contents, "remotes", [])
	is_string(remote.url)
	name := object.get(config.entry.contents, "name", "")
}

# METADATA
# description: The packages of registry descriptors as {entry, path, pkg}.
descriptor_packages contains {"entry": config.entry, "path": ["packages", i], "pkg": pkg} if {
	some config in configs
	config.shape == "descriptor"
	some i, pkg in object.get(config.entry.contents, "packages", [])
	is_object(pkg)
	is_string(pkg.identifier)
}

# METADATA
# description: Whether a value is a template a person or a release job fills in later (${X}, $X, {x}, <<X>>).
template(value) if regex.match(`\$\{|\$[A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]*\}|<<`, value)

# METADATA
# description: Every string of an MCP document as {entry, path, value}.
texts contains {"entry": config.entry, "path": path, "value": value} if {
	some config in configs
	walk(config.entry.contents, [path, value])
	is_string(value)
}

# METADATA
# description: Glob match where `*` stands for any text at all (no delimiters).
any_match(pattern, value) if glob.match(pattern, ["\u0000"], value)
