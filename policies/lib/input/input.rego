# METADATA
# title: Input normalisation
# description: >-
#   Turns the three shapes a control may receive into one list of entries: riskreg's
#   target document ({riskreg, target, documents, context}), a single object (plain conftest)
#   and conftest's --combine array of {path, contents}. Lists (kind List) and multi-document
#   arrays are expanded, so every entry holds exactly one object. Context documents (riskreg's
#   --context: cluster- and namespace-wide objects kept in another folder) are looked up but
#   never judged.
package riskreg.lib.input

# METADATA
# description: >-
#   Every document of the target as {path, index, contents, format}, contents always an object;
#   format is "kubernetes" unless riskreg recognised the file as something else ("mcp").
entries := {doc | some doc in input.documents} if {
	# riskreg's own documents arrive as entries already (riskreg/policy/evaluate.py build_input:
	# typed, lists expanded by the loader): kept whole when every one is, which costs a third of
	# rebuilding and re-expanding each. Any other input takes the general path.
	_riskreg_shape
	every doc in input.documents {
		_as_sent(doc)
	}
} else := {entry |
	some raw in _raw_entries
	some entry in _expand(raw)
}

_as_sent(doc) if {
	count(doc) == 4
	is_string(doc.path)
	is_number(doc.index)
	is_string(doc.format)
	not _is_list(doc.contents)
	is_object(doc.contents)
}

# METADATA
# description: The documents riskreg's --context added, for look-ups only (never judged).
context_entries contains entry if {
	some i, doc in _context_documents
	is_object(doc)
	raw := {"path": _path(doc), "index": object.get(doc, "index", i), "contents": doc.contents}
	some entry in _expand(raw)
}

# METADATA
# description: The target's own entries and the context entries.
all_entries := entries | context_entries

# METADATA
# description: The AIDeployment documents of the target (riskreg validates their apiVersion first).
aideployments contains entry if {
	some entry in entries
	entry.contents.apiVersion == "riskreg/v1"
	entry.contents.kind == "AIDeployment"
}

# METADATA
# description: Entries of the given kind, the target's own and context ones (for look-ups).
of_kind(kind) := {entry |
	some entry in all_entries
	entry.contents.kind == kind
}

# METADATA
# description: The target's own entries of the given kind (the ones a control judges).
own_of_kind(kind) := {entry |
	some entry in entries
	entry.contents.kind == kind
}

default _context_documents := []

_context_documents := input.context if {
	_riskreg_shape
	is_array(input.context)
}

# METADATA
# scope: document
# description: Evaluation time in nanoseconds, from input.riskreg.now_ns when the caller pins it.
now_ns := input.riskreg.now_ns if {
	is_number(input.riskreg.now_ns)
} else := time.now_ns()

# METADATA
# scope: document
# description: The target riskreg evaluates, or the empty string under conftest.
default target := ""

target := input.target if {
	is_object(input.riskreg)
	is_string(input.target)
}

_riskreg_shape if {
	is_object(input.riskreg)
	is_array(input.documents)
}

_raw_entries contains entry if {
	_riskreg_shape
	some i, doc in input.documents
	is_object(doc)
	entry := {"path": _path(doc), "index": object.get(doc, "index", i), "contents": doc.contents, "format": _format(doc)}
}

# conftest --combine: [{path, contents}], contents one object or the documents of a multi-doc file.
_raw_entries contains {"path": _path(item), "index": i, "contents": doc, "format": "kubernetes"} if {
	is_array(input)
	some item in input
	_combined(item)
	is_array(item.contents)
	some i, doc in item.contents
}

_raw_entries contains {"path": _path(item), "index": 0, "contents": item.contents, "format": "kubernetes"} if {
	is_array(input)
	some item in input
	_combined(item)
	not is_array(item.contents)
}

# plain conftest on a multi-document file: an array of the documents themselves.
_raw_entries contains {"path": "", "index": i, "contents": doc, "format": "kubernetes"} if {
	is_array(input)
	some i, doc in input
	not _combined(doc)
}

_raw_entries contains {"path": "", "index": 0, "contents": input, "format": "kubernetes"} if {
	is_object(input)
	not _riskreg_shape
}

_combined(item) if {
	is_object(item)
	is_string(item.path)
	"contents" in object.keys(item)
}

_path(doc) := doc.path if is_string(doc.path)

else := ""

_format(doc) := doc.format if is_string(doc.format)

else := "kubernetes"

_expand(raw) := {raw} if {
	is_object(raw.contents)
	not _is_list(raw.contents)
}

_expand(raw) := {object.union(object.remove(raw, ["contents"]), {"contents": item}) |
	some item in raw.contents.items
	is_object(item)
} if {
	_is_list(raw.contents)
}

_is_list(obj) if {
	obj.kind == "List"
	is_array(obj.items)
}
