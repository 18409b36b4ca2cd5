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
	some i, scope in as_list(spec_value(entry, ["identity", "scopes", "filesystem"]))
	is_object(scope)
	path := object.get(scope, "path", null)
	access := object.get(scope, "access", null)
	segments := _resolved(path)
	root := _glob_root(segments)
	grant := {
		"entry": entry,
		"index": i,
		"path": path,
		"access": access,
		"writes": _writes(access),
		"resolved": _display(segments),
		"root": _display(root),
		"protected": {shown | some shown, listed in _protected_paths; _reaches(root, listed)},
		"secret": {shown | some shown, listed in _secret_paths; _reaches(root, listed)},
	}
}

# METADATA
# description: >-
#   Filesystem scopes whose path riskreg cannot resolve (relative, not a string, too deep), as
#   {entry, index, path}.
unresolved_filesystem_scopes contains {"entry": entry, "index": i, "path": path} if {
	some entry in target.aideployments
	some i, scope in as_list(spec_value(entry, ["identity", "scopes", "filesystem"]))
	path := _path_of(scope)
	not _resolved(path)
}

_path_of(scope) := object.get(scope, "path", null) if is_object(scope)

else := null

_protected_paths[shown] := _resolved(shown) if some shown in _p.filesystem_protected_paths

_secret_paths[shown] := _resolved(shown) if some shown in _p.filesystem_secret_paths

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
# path is then the filesystem root.
_normalised(anchor, parts) := [] if {
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

# A grant rooted at `root` reaches a listed path when one lies under the other. The home
# directory may be /root or /home/<user>: a grant there, or above, reaches `~/...` too.
_reaches(root, listed) if _prefix(root, listed)

_reaches(root, listed) if _prefix(listed, root)

_reaches(root, listed) if {
	listed[0] == "~"
	root == ["home"]
}

_reaches(root, listed) if {
	listed[0] == "~"
	count(root) >= 1
	root[0] == "root"
	_either_prefix(root, array.concat(["root"], array.slice(listed, 1, count(listed))))
}

_reaches(root, listed) if {
	listed[0] == "~"
	count(root) >= 2
	root[0] == "home"
	_either_prefix(root, array.concat(["home", root[1]], array.slice(listed, 1, count(listed))))
}

_either_prefix(a, b) if _prefix(a, b)

_either_prefix(a, b) if _prefix(b, a)

_prefix(short, long) if {
	count(short) <= count(long)
	array.slice(long, 0, count(short)) == short
}

_display([]) := "/"

_display(segments) := concat("/", segments) if {
	count(segments) > 0
	segments[0] == "~"
}

_display(segments) := concat("", ["/", concat("/", segments)]) if {
	count(segments) > 0
	segments[0] != "~"
}
