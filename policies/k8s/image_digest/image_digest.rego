# METADATA
# title: Container images are pinned by digest
# description: >-
#   Checks that every container image, init and ephemeral ones included, is referenced by an
#   immutable sha256 digest rather than a tag. A tag can be moved to different code after
#   review; a digest pins exactly the code that was audited, so the deployed system cannot be
#   silently changed.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: K8S-001
#   severity: medium
#   version: 1
#   mitigates: [mit1158.m1]
#   kinds: [Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.k8s.image_digest

import data.riskreg.lib.k8s
import data.riskreg.lib.result

# METADATA
# description: Every workload of the target is judged from its real pod spec.
checked contains result.verified(workload.entry) if some workload in k8s.workloads

deny contains finding if {
	some item in k8s.containers
	image := object.get(item.container, "image", null)
	not _pinned(image)
	path := array.concat(item.path, ["image"])
	text := sprintf("image %v of container %v is not pinned by digest", [image, item.container.name])
	finding := result.make(rego.metadata.chain(), item.workload.entry, path, text)
}

_pinned(image) if {
	is_string(image)
	regex.match(`@sha256:[a-f0-9]{64}$`, image)
}
