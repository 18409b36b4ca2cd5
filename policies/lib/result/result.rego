# METADATA
# title: Findings
# description: >-
#   Builds the finding object every control returns, with the control id read from the
#   annotation chain the control passes in, so the id is written once, in the control itself.
package riskreg.lib.result

# METADATA
# description: >-
#   A finding {msg, resource, path, file, index} for a document entry; chain is
#   rego.metadata.chain() of the calling rule, path the field's JSON Pointer segments as an
#   array (["spec", "containers", 0, "image"]), text the message after the id. For a missing
#   field, path names the field that should be there.
make(chain, entry, path, text) := {
	"msg": sprintf("%s: %s", [id(chain), text]),
	"resource": resource(entry.contents),
	"path": path,
	"file": entry.path,
	"index": entry.index,
}

# METADATA
# description: >-
#   A finding for a verdict that cannot be reached (an object the verdict needs is missing, or a
#   policy feature outside the understood subset). It is a deny: what cannot be decided fails.
undetermined(chain, entry, path, text) := object.union(
	make(chain, entry, path, sprintf("cannot determine: %s", [text])),
	{"undetermined": true},
)

# METADATA
# description: >-
#   A `checked` item: the control judged this entry from real configuration (Kubernetes objects,
#   configuration files, an object that confirms a declaration).
verified(entry) := {"resource": resource(entry.contents), "file": entry.path, "assurance": "verified"}

# METADATA
# description: >-
#   A `checked` item: the control judged this entry only from what it declares about itself
#   (AIDeployment fields), which is an attestation, not a verification.
attested(entry) := {"resource": resource(entry.contents), "file": entry.path, "assurance": "attested"}

# METADATA
# description: An RFC 6901 JSON Pointer for an array of path segments (~ and / escaped).
pointer(path) := concat("", [sprintf("/%s", [_escape(segment)]) | some segment in path])

_escape(segment) := replace(replace(segment, "~", "~0"), "/", "~1") if is_string(segment)

else := sprintf("%v", [segment])

# METADATA
# description: The custom.id of the nearest annotation in a METADATA chain that has one.
id(chain) := ids[0] if {
	ids := [link.annotations.custom.id | some link in chain]
} else := "UNKNOWN"

# METADATA
# description: >-
#   Kind/namespace/name of a Kubernetes-style object; namespaced kinds default to `default`,
#   cluster-scoped kinds leave the namespace empty (ClusterRole//name).
resource(obj) := sprintf("%v/%v/%v", [_field(obj, "kind"), _namespace(obj), _metadata(obj, "name")])

_cluster_scoped := {
	"ClusterRole", "ClusterRoleBinding", "Namespace", "Node",
	"PersistentVolume", "StorageClass", "CustomResourceDefinition",
}

_namespace(obj) := "" if {
	_field(obj, "kind") in _cluster_scoped
}

else := namespace if {
	namespace := _metadata(obj, "namespace")
	namespace != ""
}

else := "default"

_field(obj, key) := value if {
	value := obj[key]
	is_string(value)
} else := ""

_metadata(obj, key) := value if {
	value := obj.metadata[key]
	is_string(value)
} else := ""
