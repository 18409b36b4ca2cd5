# METADATA
# title: Findings by contract schema 2 (temporary shim)
# description: >-
#   TEMPORARY: the MCP controls are written against contract §2 (path arrays, index, checked,
#   undetermined) before riskreg.lib.result implements it. When it does, replace
#   `import data.riskreg.lib.result_shim as result` with `import data.riskreg.lib.result` in
#   policies/mcp/*/*.rego and delete this folder. Nothing else uses it.
package riskreg.lib.result_shim

import data.riskreg.lib.result as current

# METADATA
# description: >-
#   A finding {msg, resource, path, file, index}: path is an array of JSON Pointer segments of
#   the offending field (for a missing field, the field that should be there).
make(chain, entry, path, text) := {
	"msg": sprintf("%s: %s", [current.id(chain), text]),
	"resource": resource(entry),
	"path": path,
	"file": entry.path,
	"index": entry.index,
}

# METADATA
# description: A deny saying the verdict cannot be determined (fails closed), and why.
undetermined(chain, entry, path, text) := object.union(
	make(chain, entry, path, sprintf("cannot determine: %s", [text])),
	{"undetermined": true},
)

# METADATA
# description: What a control looked at, when its verdict rests on real configuration.
verified(entry) := {"file": entry.path, "index": entry.index, "assurance": "verified"}

# METADATA
# description: The resource an MCP document is reported as (it has no kind or name of its own).
resource(entry) := sprintf("MCPConfiguration//%s", [entry.path]) if {
	not _has_kind(entry)
} else := current.resource(entry.contents)

_has_kind(entry) if is_string(entry.contents.kind)
