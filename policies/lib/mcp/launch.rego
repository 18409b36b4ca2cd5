# How MCP servers are launched
#
#   Reads a stdio server's command and arguments the way its launcher does: npx/bunx/pnpm dlx
#   (npm), uvx/pipx run (PyPI), docker/podman run (OCI images); which argument names the package
#   or image, which flags name a registry, and which flags take a value. Everything else is a
#   local command (a binary or script on the machine): nothing is fetched, so nothing to pin.
# (Part of package riskreg.lib.mcp; its METADATA is in mcp.rego.)
package riskreg.lib.mcp

# METADATA
# description: A command's name as launchers match it (no folder, no .exe/.cmd/.bat, lower case).
command_name(command) := regex.replace(regex.replace(lower(command), `^.*[/\\]`, ""), `\.(?:exe|cmd|bat)$`, "")

# METADATA
# description: >-
#   Every stdio server with how it is launched: {entry, name, path, server, args, ecosystem
#   (npm | pypi | oci | local), offset (first argument after the launcher words), index (of the
#   package or image argument, -1 when none), spec (that argument), registries ([{url, index}])}.
launches contains launch if {
	some s in servers
	is_string(s.server.command)
	args := [sprintf("%v", [arg]) | some arg in _args(s.server)]
	runner := _runner(command_name(s.server.command), args)
	found := _package(runner.ecosystem, args, runner.offset)
	launch := {
		"entry": s.entry,
		"name": s.name,
		"path": s.path,
		"server": s.server,
		"args": args,
		"ecosystem": runner.ecosystem,
		"offset": runner.offset,
		"index": found.index,
		"spec": found.spec,
		"registries": _registries(runner.ecosystem, args, runner.offset, found.index),
	}
}

_args(server) := server.args if is_array(server.args)

else := []

_runner(base, args) := matches[0] if {
	matches := [{"ecosystem": ecosystem, "offset": count(words) - 1} |
		some ecosystem, runners in params.runners
		some words in runners
		words[0] == base
		array.slice(args, 0, count(words) - 1) == array.slice(words, 1, count(words))
	]
	count(matches) > 0
} else := {"ecosystem": "local", "offset": 0}

_package("local", _, _) := {"index": -1, "spec": ""}

_package(ecosystem, args, offset) := found if {
	ecosystem != "local"
	candidates := array.concat(_flagged_package(ecosystem, args, offset), _positional(ecosystem, args, offset))
	found := _first(candidates)
}

_first(candidates) := candidates[0] if count(candidates) > 0

else := {"index": -1, "spec": ""}

# `--package X`, `-p X`, `--from X` (and `--package=X`) name the package explicitly.
_flagged_package(ecosystem, args, offset) := [item |
	some i, arg in args
	i >= offset
	some flag in params.package_flags[ecosystem]
	some item in _flag_value(args, i, arg, flag)
]

_flag_value(args, i, arg, flag) := [{"index": i + 1, "spec": args[i + 1]}] if {
	arg == flag
	i + 1 < count(args)
} else := [{"index": i, "spec": substring(arg, count(flag) + 1, -1)}] if {
	startswith(arg, concat("", [flag, "="]))
} else := []

_positional(ecosystem, args, offset) := [{"index": i, "spec": args[i]} |
	some i in sort(_positions(ecosystem, args, offset))
]

_positions(ecosystem, args, offset) := {i |
	some i, arg in args
	i >= offset
	not startswith(arg, "-")
	not _after_value_flag(ecosystem, args, i)
}

_after_value_flag(ecosystem, args, i) if args[i - 1] in params.value_flags[ecosystem]

# Registries named on the command line (before the package: later words belong to the server).
_registries(ecosystem, args, offset, index) := [item |
	some i, arg in args
	i >= offset
	_before(i, index)
	some flag in params.registry_flags[ecosystem]
	some item in _flag_value(args, i, arg, flag)
]

_before(_, index) if index < 0

_before(i, index) if i < index

# METADATA
# description: The docker/podman options of an OCI launch (the words between `run` and the image) as {i, arg}.
options(launch) := [{"i": i, "arg": launch.args[i]} |
	launch.ecosystem == "oci"
	some i in numbers.range(launch.offset, launch.index - 1)
	launch.index > launch.offset
]

# METADATA
# description: An option in `--flag=value` form, whether written joined or as two words.
option_text(launch, option) := concat("=", [option.arg, launch.args[option.i + 1]]) if {
	not contains(option.arg, "=")
	option.i + 1 < launch.index
} else := option.arg

# METADATA
# description: An OCI image reference as {host, repository, name (host/repository), tag, digest}.
image(ref) := {
	"host": host,
	"repository": repository,
	"name": concat("/", [host, repository]),
	"tag": parts[3],
	"digest": parts[4],
} if {
	parts := regex.find_all_string_submatch_n(
		`^(?:([^/]+\.[^/]+|localhost(?::[0-9]+)?|[^/]+:[0-9]+)/)?([^:@]+)(?::([^@]+))?(?:@(sha256:[0-9a-f]{64}))?$`,
		ref, 1,
	)[0]
	host := _host(parts[1])
	repository := _repository(host, parts[2])
}

_host("") := "docker.io"

_host(host) := host if host != ""

_repository(host, repository) := concat("/", ["library", repository]) if {
	host == "docker.io"
	not contains(repository, "/")
} else := repository

# METADATA
# description: An npm package spec as {name, version} (version "" when none is given).
npm_spec(spec) := {"name": parts[1], "version": parts[2]} if {
	parts := regex.find_all_string_submatch_n(`^(@?[^@]+)(?:@(.*))?$`, spec, 1)[0]
}

# METADATA
# description: A Python requirement as {name (lower case), operator, version}.
pypi_spec(spec) := {"name": lower(parts[1]), "operator": parts[3], "version": parts[4]} if {
	parts := regex.find_all_string_submatch_n(
		`^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(===|==|@|~=|>=|<=|!=|>|<)?\s*(.*)$`,
		spec, 1,
	)[0]
}
