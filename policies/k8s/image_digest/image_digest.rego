# METADATA
# title: Container images are pinned by digest
# description: >-
#   Checks that every container image, init, ephemeral and KServe serving ones included, ends in
#   an immutable digest of a registered algorithm and its exact length (params
#   workloads.image_digests: sha256 with 64 lowercase hex digits, sha512 with 128); a tag before
#   the digest is allowed, since the digest decides what runs. A tag alone can be moved to
#   different code after review; a digest pins exactly the code that was audited, so the deployed
#   system cannot be silently changed.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
#   - ref: https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests
#     description: OCI image specification, digests
# custom:
#   id: K8S-001
#   severity: medium
#   version: 3
#   mitigates: [mit1158.m1]
#   kinds: ["*"]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.k8s.image_digest

import data.riskreg.lib.pod_security
import data.riskreg.lib.result
import data.riskreg.lib.workloads

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains item if some item in workloads.checked

deny contains finding if {
	some image in pod_security.images
	is_string(image.image)
	not image.pinned
	container := image.container
	name := object.get(container.container, "name", container.field)
	text := sprintf("image %v of %s %v of %s %s is not pinned by a digest", [
		image.image, _role(container.field), name,
		container.workload.kind, container.workload.name,
	])
	finding := result.make(rego.metadata.chain(), container.workload.entry, image.path, text)
}

# A container with no image in this file (a controller, preset or overlay supplies it) cannot be
# shown pinned: it fails closed, and says so rather than calling "null" an image.
deny contains finding if {
	some image in pod_security.images
	not is_string(image.image)
	container := image.container
	name := object.get(container.container, "name", container.field)
	text := sprintf("%s %v of %s %s has no image in this file (%s)", [
		_role(container.field), name, container.workload.kind, container.workload.name,
		"whatever supplies it later is not shown pinned by a digest",
	])
	finding := result.undetermined(rego.metadata.chain(), container.workload.entry, image.path, text)
}

_role("initContainers") := "init container"

_role("ephemeralContainers") := "ephemeral container"

_role(field) := "container" if not field in {"initContainers", "ephemeralContainers"}
