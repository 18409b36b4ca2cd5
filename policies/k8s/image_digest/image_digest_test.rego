package riskreg.k8s.image_digest_test

import data.riskreg.k8s.image_digest as control
import data.riskreg.lib.testing

test_pass_digest if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_tag if {
	op := testing.replace_at("/spec/template/spec/containers/0/image", "registry.example.com/agents/browsing-agent:1.4")
	target := testing.kubernetes_with("Deployment", [op])
	testing.fires(control.deny, "/spec/template/spec/containers/0/image") with input as target
}

test_deny_missing_image if {
	op := testing.remove_at("/spec/template/spec/containers/0/image")
	target := testing.kubernetes_with("Deployment", [op])
	testing.fires(control.deny, "/spec/template/spec/containers/0/image") with input as target
}
