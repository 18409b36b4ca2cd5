# METADATA
# title: Container images come from a named, allowed registry
# description: >-
#   Checks that every container image (init, ephemeral and KServe serving containers included)
#   names its registry - a short name such as `nginx` is resolved by each node's runtime
#   configuration, not by the reviewed manifest - and, when params workloads.allowed_registries
#   lists registries or repository prefixes, that it comes from one of them. A registry matches
#   as a whole host[:port] (registry.example.com.evil.io is another host) and a prefix at a path
#   boundary. With no list configured only the first check applies. Images from an unreviewed
#   source let a deployed AI system run code nobody audited.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: K8S-003
#   severity: medium
#   version: 2
#   mitigates: [mit1158.m1]
#   kinds: ["*"]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.k8s.image_registries

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads
import data.riskreg_params as params

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains item if some item in workloads.checked

deny contains finding if {
	some image in pod_security.images
	is_string(image.image)
	image.registry == ""
	text := sprintf("image %v of %s names no registry: %s", [
		image.image, _who(image),
		"each node's runtime configuration decides where it comes from",
	])
	finding := result.make(rego.metadata.chain(), image.container.workload.entry, image.path, text)
}

deny contains finding if {
	count(params.workloads.allowed_registries) > 0
	some image in pod_security.images
	image.registry != ""
	not _allowed(image)
	text := sprintf("image %v of %s comes from %s, not an allowed registry (%s)", [
		image.image, _who(image), image.registry,
		concat(", ", params.workloads.allowed_registries),
	])
	finding := result.make(rego.metadata.chain(), image.container.workload.entry, image.path, text)
}

# A container with no image in this file (a controller, preset or overlay supplies it): where it
# comes from cannot be judged here, so it fails closed and says so.
deny contains finding if {
	some image in pod_security.images
	not is_string(image.image)
	text := sprintf("%s has no image in this file, so its registry is unknown", [_who(image)])
	finding := result.undetermined(rego.metadata.chain(), image.container.workload.entry, image.path, text)
}

# A registry entry (no slash) matches the whole host[:port]; a prefix (host/path) matches at a
# path boundary, so registry.example.com/agents does not admit registry.example.com/agents-evil.
_allowed(image) if {
	some allowed in params.workloads.allowed_registries
	not contains(allowed, "/")
	lower(allowed) == image.registry
}

_allowed(image) if {
	some allowed in params.workloads.allowed_registries
	contains(allowed, "/")
	prefix := trim_suffix(_lower_host(allowed), "/")
	startswith(_lower_host(split(image.image, "@")[0]), concat("", [prefix, "/"]))
}

# A reference with its host in lower case (hosts are case-insensitive, paths are not).
_lower_host(reference) := concat("/", array.concat([lower(parts[0])], array.slice(parts, 1, count(parts)))) if {
	parts := split(reference, "/")
}

_who(image) := sprintf("container %v of %s %s", [
	object.get(image.container.container, "name", image.container.field),
	image.container.workload.kind, image.container.workload.name,
])
