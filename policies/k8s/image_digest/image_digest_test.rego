package riskreg.k8s.image_digest_test

import data.riskreg.k8s.image_digest as control
import data.riskreg.lib.testing

_image := "/spec/template/spec/containers/0/image"

_hex64 := "3f1c9a7e5b2d4c6f8a0e1b3d5c7f9a2e4b6d8c0a1e3f5b7d9c2a4e6f8b0d1c3e"

_with(image) := testing.workload_with("Deployment", [testing.replace_at(_image, image)], [])

test_pass_digest if {
	count(control.deny) == 0 with input as testing.workload_with("Deployment", [], [])
}

test_pass_tag_and_digest if {
	count(control.deny) == 0 with input as _with(concat("", ["registry.example.com/a:1.4@sha256:", _hex64]))
}

test_pass_sha512 if {
	count(control.deny) == 0 with input as _with(concat("", ["registry.example.com/a@sha512:", _hex64, _hex64]))
}

test_deny_tag if {
	testing.fires(control.deny, _image) with input as _with("registry.example.com/agents/browsing-agent:1.4")
}

test_deny_missing_image if {
	target := testing.workload_with("Deployment", [testing.remove_at(_image)], [])
	testing.fires(control.deny, _image) with input as target
	some finding in control.deny with input as target
	finding.undetermined
	contains(finding.msg, "has no image in this file")
	not contains(finding.msg, "null")
}

test_deny_malformed_digests if {
	every image in [
		concat("", ["registry.example.com/a@sha256:", substring(_hex64, 0, 63)]),
		concat("", ["registry.example.com/a@sha256:", upper(_hex64)]),
		concat("", ["registry.example.com/a@md5:", substring(_hex64, 0, 32)]),
		concat("", ["registry.example.com/a@sha256:", _hex64, ":latest"]),
		concat("", ["registry.example.com/a@sha512:", _hex64]),
	] {
		testing.fires(control.deny, _image) with input as _with(image)
	}
}

test_deny_tagged_init_and_ephemeral_containers if {
	tagged := {"name": "t", "image": "registry.example.com/tools/debug:2"}
	ops := [
		testing.add_at("/spec/template/spec/initContainers", [tagged]),
		testing.add_at("/spec/template/spec/ephemeralContainers", [tagged]),
	]
	target := testing.workload_with("Deployment", ops, [])
	testing.fires(control.deny, "/spec/template/spec/initContainers/0/image") with input as target
	testing.fires(control.deny, "/spec/template/spec/ephemeralContainers/0/image") with input as target
}
