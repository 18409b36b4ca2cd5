# What MCP servers are given on the machine: the folders a filesystem server serves, the host
# paths mounted into a container, whether a command-running server is sandboxed, and the tools
# a client runs without asking.
# (Part of package riskreg.lib.mcp; its METADATA is in mcp.rego.)
package riskreg.lib.mcp

# METADATA
# description: >-
#   The folders filesystem servers serve, as {entry, name, path, value}: the arguments after
#   the package of a server whose package is one of params.filesystem_servers (a container's
#   folders are its own: what it sees of the host is what is mounted, see mounts).
filesystem_roots contains {"entry": p.entry, "name": p.name, "path": path, "value": arg} if {
	some p in packages
	some pattern in params.filesystem_servers
	glob.match(pattern, ["/"], p.package)
	some launch in launches
	launch.entry == p.entry
	launch.ecosystem != "oci"
	launch.path == array.slice(p.path, 0, count(launch.path))
	some i, arg in launch.args
	i > launch.index
	not startswith(arg, "-")
	path := array.concat(launch.path, ["args", i])
}

# METADATA
# description: >-
#   The filesystem servers (package in params.filesystem_servers) as {entry, name, path, package}.
filesystem_servers contains {"entry": p.entry, "name": p.name, "path": p.path, "package": p.package} if {
	some p in packages
	some pattern in params.filesystem_servers
	glob.match(pattern, ["/"], p.package)
}

# METADATA
# description: >-
#   Host paths bind-mounted into a container server (`-v SRC:DST`, `--volume`, `--mount
#   type=bind,source=SRC`), as {entry, name, path, source}; named volumes are no host path.
mounts contains {"entry": launch.entry, "name": launch.name, "path": path, "source": source} if {
	some launch in launches
	some option in options(launch)
	[at, source] := _mount(launch, option)
	_host_path(source)
	path := array.concat(launch.path, ["args", at])
}

_mount(launch, option) := [option.i + 1, split(launch.args[option.i + 1], ":")[0]] if {
	option.arg in {"-v", "--volume"}
	option.i + 1 < count(launch.args)
}

_mount(_, option) := [option.i, split(substring(option.arg, count("--volume="), -1), ":")[0]] if {
	startswith(option.arg, "--volume=")
}

_mount(launch, option) := [option.i + 1, _mount_source(launch.args[option.i + 1])] if {
	option.arg == "--mount"
	option.i + 1 < count(launch.args)
	contains(launch.args[option.i + 1], "type=bind")
}

_mount_source(spec) := value if {
	some part in split(spec, ",")
	[key, value] := split(part, "=")
	key in {"source", "src"}
}

_host_path(source) if regex.match(`^(?:/|~|\.|\$|%|\\|[A-Za-z]:)`, source)

# METADATA
# scope: document
# description: Whether a path stays inside the workspace (relative without `..`, or under a workspace variable).
inside_workspace(path) if path in params.workspace_variables

inside_workspace(path) if {
	not _escapes(path)
	some variable in params.workspace_variables
	startswith(path, concat("", [variable, "/"]))
}

inside_workspace(path) if {
	not regex.match(`^(?:/|~|\$|%|\\|[A-Za-z]:)`, path)
	not _escapes(path)
}

_escapes(path) if {
	some part in regex.split(`[/\\]`, path)
	part == ".."
}

# METADATA
# description: >-
#   Servers that run commands for the agent, as the servers entries: a name, package or
#   command matching params.command_execution_servers.
command_servers contains s if {
	some s in servers
	some identity in _identities(s)
	some pattern in params.command_execution_servers
	any_match(pattern, identity)
}

_identities(s) := {lower(s.name), command_name(object.get(s.server, "command", ""))} | {lower(p.package) |
	some p in packages
	p.entry == s.entry
	s.path == array.slice(p.path, 0, count(s.path))
}

# METADATA
# description: >-
#   Why a server is not sandboxed, as {path, text}; none when it runs in a container without
#   host access, under a sandbox wrapper, or through the Docker MCP gateway (containers).
unsandboxed(s) := reasons if {
	reasons := _container_escapes(s)
	count(reasons) > 0
} else := set() if {
	_sandboxed(s)
} else := {{"path": array.concat(s.path, ["command"]), "text": "it runs on the host, outside any container or sandbox"}}

_container_escapes(s) := {{"path": array.concat(launch.path, ["args", option.i]), "text": text} |
	some launch in launches
	launch.path == s.path
	launch.entry == s.entry
	some option in options(launch)
	some text in _escape(launch, option)
}

_escape(launch, option) := {sprintf("the container gets host access (%s)", [concat(", ", flags)])} if {
	flags := sort({flag | some flag in {option.arg, option_text(launch, option)}; flag in params.host_access_flags})
	count(flags) > 0
} else := {"the container mounts the Docker socket (control of the host)"} if {
	[_, source] := _mount(launch, option)
	endswith(source, "docker.sock")
} else := set()

_sandboxed(s) if {
	some launch in launches
	launch.path == s.path
	launch.entry == s.entry
	launch.ecosystem == "oci"
}

_sandboxed(s) if command_name(s.server.command) in params.sandbox_commands

_sandboxed(s) if {
	command_name(s.server.command) == "docker"
	array.slice(s.server.args, 0, 3) == ["mcp", "gateway", "run"]
}

# METADATA
# scope: document
# description: >-
#   Tools a client runs without asking the user, as {entry, name, path, text}: a server's
#   autoApprove/alwaysAllow list or trust flag, and VS Code's global chat.tools.autoApprove.
auto_approvals contains {"entry": s.entry, "name": s.name, "path": array.concat(s.path, [field]), "text": text} if {
	some s in servers
	some field in ["autoApprove", "alwaysAllow"]
	value := s.server[field]
	_approves(value)
	text := sprintf("server %q runs %s without asking (%s)", [s.name, _what(value), field])
}

auto_approvals contains {"entry": s.entry, "name": s.name, "path": array.concat(s.path, ["trust"]), "text": text} if {
	some s in servers
	s.server.trust == true
	text := sprintf("server %q is trusted: every tool call runs without asking (trust)", [s.name])
}

auto_approvals contains {"entry": config.entry, "name": "", "path": [key], "text": text} if {
	some config in configs
	some key in ["chat.tools.autoApprove", "chat.tools.global.autoApprove"]
	config.entry.contents[key] == true
	text := sprintf("every tool of every server runs without asking (%s)", [key])
}

_approves(true)

_approves(value) if {
	is_array(value)
	count(value) > 0
}

_what(true) := "every tool"

_what(value) := sprintf("%d tool(s)", [count(value)]) if is_array(value)
