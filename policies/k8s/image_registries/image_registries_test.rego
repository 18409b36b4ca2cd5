package riskreg.k8s.image_registries_test

import data.riskreg.k8s.image_registries as control
import data.riskreg.lib.testing

_image := "/spec/template/spec/containers/0/image"

_digest := "@sha256:3f1c9a7e5b2d4c6f8a0e1b3d5c7f9a2e4b6d8c0a1e3f5b7d9c2a4e6f8b0d1c3e"

_with(image) := testing.workload_with("Deployment", [testing.replace_at(_image, concat("", [image, _digest]))], [])

test_pass_named_registry if {
	count(control.deny) == 0 with input as testing.workload_with("Deployment", [], [])
	count(control.deny) == 0 with input as _with("registry.example.com:5000/agents/a")
	count(control.deny) == 0 with input as _with("localhost/a")
}

test_deny_short_names if {
	every image in ["nginx", "library/nginx", "agents/registry.example.com"] {
		testing.fires(control.deny, _image) with input as _with(image)
	}
}

test_deny_missing_image_is_undetermined if {
	target := testing.workload_with("Deployment", [testing.remove_at(_image)], [])
	testing.fires(control.deny, _image) with input as target
	some finding in control.deny with input as target
	finding.undetermined
	contains(finding.msg, "has no image in this file")
}

test_pass_allowed_registries_and_prefixes if {
	every image in ["registry.example.com/x/y", "REGISTRY.example.com/x/y", "mirror.example.com/agents/a"] {
		count(control.deny) == 0 with input as _with(image)
			with data.riskreg_params.workloads.allowed_registries as ["registry.example.com", "mirror.example.com/agents"]
	}
}

test_deny_lookalike_registries_and_prefixes if {
	every image in [
		"registry.example.com.evil.io/x",
		"evil.io/registry.example.com/x",
		"registry.example.com:5000/x",
		"mirror.example.com/agents-evil/a",
		"mirror.example.com/a",
	] {
		testing.fires(control.deny, _image) with input as _with(image)
			with data.riskreg_params.workloads.allowed_registries as ["registry.example.com", "mirror.example.com/agents"]
	}
}
