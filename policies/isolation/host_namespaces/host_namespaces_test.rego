package riskreg.isolation.host_namespaces_test

import data.riskreg.isolation.host_namespaces as control
import data.riskreg.lib.testing

test_pass_isolated_pods if {
	count(control.deny) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_host_network if {
	target := testing.kubernetes_with("Deployment", [testing.add_at("/spec/template/spec/hostNetwork", true)])
	testing.fires(control.deny, "/spec/template/spec/hostNetwork") with input as target
}

test_deny_host_path if {
	op := testing.replace_at("/spec/template/spec/volumes/0", {"name": "docker", "hostPath": {"path": "/var/run"}})
	target := testing.kubernetes_with("Deployment", [op])
	testing.fires(control.deny, "/spec/template/spec/volumes/0/hostPath") with input as target
}

test_deny_privileged if {
	op := testing.replace_at("/spec/template/spec/containers/0/securityContext/privileged", true)
	target := testing.kubernetes_with("Deployment", [op])
	path := "/spec/template/spec/containers/0/securityContext/privileged"
	testing.fires(control.deny, path) with input as target
}
