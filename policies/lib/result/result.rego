# METADATA
# title: Findings
# description: >-
#   Builds the finding object every control returns, with the control id read from the
#   annotation chain the control passes in, so the id is written once, in the control itself.
package riskreg.lib.result

# METADATA
# description: >-
#   A finding {msg, resource, path, file} for a document entry; chain is rego.metadata.chain()
#   of the calling rule, path the dotted field path, text the message after the id.
make(chain, entry, path, text) := {
	"msg": sprintf("%s: %s", [id(chain), text]),
	"resource": resource(entry.contents),
	"path": path,
	"file": entry.path,
}

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
