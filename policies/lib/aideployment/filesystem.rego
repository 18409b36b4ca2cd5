# Filesystem scopes of AIDeployments: the paths they really reach (part of riskreg.lib.aideployment).
package riskreg.lib.aideployment

import data.riskreg.lib.input as target

# --- filesystem scopes (IAM-001) -----------------------------------------------------------

# METADATA
# description: >-
#   Every filesystem scope riskreg can resolve, with what it really reaches, as {entry, index,
#   path, access, writes, resolved (the path with `..`, `.`, `//`, `~`, $HOME and /var/run
#   resolved), root (what it can reach: the part before its first glob), protected, secret (the
#   params paths it reaches: at, under or above them)}. Unknown access counts as a write.
filesystem_grants contains grant if {
	some entry in target.aideployments
	some i, scope in entry.contents.spec.identity.scopes.filesystem
	path := scope.path
	[resolved, root] := _resolve(path)
	access := object.get(scope, "access", null)
	grant := {
		"entry": entry,
		"index": i,
		"path": path,
		"access": access,
		"writes": _writes(access),
		"resolved": resolved,
		"root": root,
		"protected": _reached(root, _p.filesystem_protected_paths),
		"secret": _reached(root, _p.filesystem_secret_paths),
	}
}

# A plain absolute path (no `.`-led, empty or glob segment, not under /var/run) is already
# resolved and is its own root: nearly every declared path, settled by one regex.
_resolve(path) := [path, path] if {
	regex.match(`^(/[^/.*?\[\]{}][^/*?\[\]{}]*)+$`, path)
	not startswith(path, "/var/run")
} else := [_display(segments), _display(_glob_root(segments))] if {
	segments := _resolved(path)
}

# METADATA
# description: >-
#   Filesystem scopes whose path riskreg cannot resolve (relative, not a string, too deep), as
#   {entry, index, path}.
unresolved_filesystem_scopes contains {"entry": entry, "index": i, "path": path} if {
	some entry in target.aideployments
	some i, scope in entry.contents.spec.identity.scopes.filesystem
	path := object.get(scope, "path", null)
	not _resolve(path)
}

_max_segments := 64

# A path as segments from the filesystem root, with the agent's home as the segment "~".
_resolved(path) := _aliased(_anchor(path)) if {
	is_string(path)
	count(split(path, "/")) <= _max_segments
	_anchor(path)
}

# The anchor and the rest: absolute paths, and the home directory in its spellings.
_anchor(path) := _normalised([], split(path, "/")) if startswith(path, "/")

_anchor(path) := _normalised(["~"], array.slice(parts, 1, count(parts))) if {
	parts := split(path, "/")
	parts[0] in {"~", "$HOME", "${HOME}"}
}

_anchor(path) := _normalised(["home", trim_prefix(parts[0], "~")], array.slice(parts, 1, count(parts))) if {
	parts := split(path, "/")
	regex.match(`^~[a-z_][a-z0-9_.-]*$`, parts[0])
}

# Lexical resolution of `.`, `..` and empty segments. A `..` that climbs above the home
# directory, or follows a glob (which may have matched any depth), can reach anywhere: the
# path is then the filesystem root. Without `..` (nearly every path) dropping `.` and empty
# segments is all there is to do.
_normalised(anchor, parts) := array.concat(anchor, [part | some part in parts; not part in {"", "."}]) if {
	not ".." in parts
} else := [] if {
	segments := [part | some part in parts; not part in {"", "."}]
	_escapes(anchor, segments)
} else := array.concat(anchor, [part |
	segments := [s | some s in parts; not s in {"", "."}]
	some i, part in segments
	part != ".."
	not _popped(segments, i)
])

_escapes(anchor, segments) if {
	count(anchor) > 0
	some j in numbers.range(0, count(segments) - 1)
	_balance(segments, 0, j) < 0
}

_escapes(_, segments) if {
	some i, part in segments
	regex.match(_glob_chars, part)
	some j, later in segments
	j > i
	later == ".."
}

# A segment is popped when a later `..` outnumbers the segments between them.
_popped(segments, i) if {
	some j in numbers.range(i + 1, count(segments) - 1)
	_balance(segments, i + 1, j) < 0
}

_balance(segments, from, to) := count([1 |
	some k in numbers.range(from, to)
	segments[k] != ".."
]) - count([1 |
	some k in numbers.range(from, to)
	segments[k] == ".."
])

# /var/run is a symbolic link to /run on every current distribution.
_aliased(segments) := array.concat(["run"], array.slice(segments, 2, count(segments))) if {
	count(segments) >= 2
	segments[0] == "var"
	segments[1] == "run"
} else := segments

_writes(access) := false if access == "read"

else := true

# What a path can reach: everything under its segments before the first glob.
_glob_root(segments) := array.slice(segments, 0, first) if {
	globbed := [i | some i, part in segments; regex.match(_glob_chars, part)]
	count(globbed) > 0
	first := min(globbed)
} else := segments

# The listed paths a grant rooted at `root` reaches. Most grants (a scratch directory) share
# no prefix with any listed path and no home: one builtin call over the list settles them.
_reached(root, listed_paths) := {listed | some listed in listed_paths; _reaches(root, listed)} if {
	_may_reach(root, listed_paths)
} else := set()

_may_reach(root, listed_paths) if strings.any_prefix_match(root, listed_paths)

_may_reach(root, listed_paths) if strings.any_prefix_match(listed_paths, root)

_may_reach(root, _) if strings.any_prefix_match(root, ["/home", "/root", "~"])

# A grant rooted at `root` reaches a listed path when one lies under the other. Both are
# resolved paths as text (the params lists are written resolved: absolute or `~/...`), so
# this is a prefix test at a `/`. The home directory may be /root or /home/<user>: a grant
# there, or above, reaches `~/...` too.
_reaches("/", _)

_reaches(root, listed) if _under(root, listed)

_reaches(root, listed) if _under(listed, root)

_reaches("/home", listed) if startswith(listed, "~")

_reaches(root, listed) if {
	startswith(listed, "~/")
	some home in _homes(root)
	resolved := concat("", [home, trim_prefix(listed, "~")])
	_either_under(root, resolved)
}

# Where the agent's home may be, seen from an absolute path.
_homes(root) := {"/root", concat("/", array.slice(split(root, "/"), 0, 3))} if startswith(root, "/home/")

else := {"/root"}

_either_under(a, b) if _under(a, b)

_either_under(a, b) if _under(b, a)

# True when path is at or under dir.
_under(path, dir) if path == dir

_under(path, dir) if startswith(path, concat("", [dir, "/"]))

_display([]) := "/"

_display(segments) := concat("/", segments) if {
	count(segments) > 0
	segments[0] == "~"
}

_display(segments) := concat("", ["/", concat("/", segments)]) if {
	count(segments) > 0
	segments[0] != "~"
}
