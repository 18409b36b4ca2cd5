package riskreg.identity.least_privilege_scopes_test

import data.riskreg.identity.least_privilege_scopes as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

_network(scopes) := _with("/spec/identity/scopes/network", scopes)

_filesystem(path, access) := _with("/spec/identity/scopes/filesystem", [{"path": path, "access": access}])

test_pass_bounded_scopes if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_scratch_directory_glob_read_write if {
	count(control.deny) == 0 with input as _filesystem("/tmp/agent/**", "readwrite")
}

test_pass_reading_system_certificates if {
	count(control.deny) == 0 with input as _filesystem("/etc/ssl/certs", "read")
}

test_pass_home_workspace if {
	count(control.deny) == 0 with input as _filesystem("~/workspace", "readwrite")
}

test_pass_one_subnet_and_an_ipv6_address if {
	count(control.deny) == 0 with input as _network(["egress:10.20.0.0/24:8080", "egress:[2001:db8::10]:443"])
}

test_deny_missing_identity if {
	target := testing.aideployment_with([testing.remove_at("/spec/identity")])
	testing.fires(control.deny, "/spec/identity/serviceAccount") with input as target
	testing.fires(control.deny, "/spec/identity/scopes") with input as target
}

test_deny_placeholder_identity if {
	input1 := _with("/spec/identity/serviceAccount", "none")
	testing.fires(control.deny, "/spec/identity/serviceAccount") with input as input1
}

test_deny_wildcard_api_scope if {
	testing.fires(control.deny, "/spec/identity/scopes/api/1") with input as _with("/spec/identity/scopes/api/1", "*")
	input1 := _with("/spec/identity/scopes/api/1", "fetch:all")
	testing.fires(control.deny, "/spec/identity/scopes/api/1") with input as input1
	testing.fires(control.deny, "/spec/identity/scopes/api/1") with input as _with("/spec/identity/scopes/api/1", " ")
}

test_deny_unbounded_network_words if {
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:any"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["EGRESS:Internet:443"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:0.0.0.0:443"])
}

test_deny_wildcard_domains if {
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:*.com:443"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:*.*"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:.example.com:443"])
}

test_deny_any_port if {
	input1 := _network(["egress:search.example.com:*"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as input1
}

test_deny_whole_internet_on_one_port if {
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:0.0.0.0/0:443"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:[::/0]:443"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:::ffff:0:0/96"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:10.0.0.0/8"])
}

test_deny_split_ranges_add_up if {
	target := _network(["egress:10.0.0.0/25", "egress:10.0.0.128/25", "egress:10.0.1.0/25"])
	testing.fires(control.deny, "/spec/identity/scopes/network") with input as target
}

test_pass_split_ranges_within_one_subnet if {
	count(control.deny) == 0 with input as _network(["egress:10.0.0.0/25", "egress:10.0.0.128/25"])
}

test_deny_sensitive_destinations if {
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as _network(["egress:169.254.169.254:80"])
	input1 := _network(["egress:metadata.google.internal:80"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as input1
	input2 := _network(["egress:kubernetes.default.svc:443"])
	testing.fires(control.deny, "/spec/identity/scopes/network/0") with input as input2
}

test_deny_unparsed_network_scope if {
	findings := control.deny with input as _network(["https://search.example.com"])
	some finding in findings
	finding.undetermined
	finding.path == ["spec", "identity", "scopes", "network", 0]
}

test_deny_root_filesystem_write if {
	input1 := _with("/spec/identity/scopes/filesystem/0/path", "/")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input1
}

test_deny_protected_writes if {
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as _filesystem("/etc", "readwrite")
	input1 := _filesystem("/var/run/docker.sock", "readwrite")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input1
	input2 := _filesystem("/tmp/agent/../../etc/cron.d", "write")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input2
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as _filesystem("/e*", "write")
	input3 := _filesystem("/var/lib/kubelet/pods", "write")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input3
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as _filesystem("~/.bashrc", "write")
	input4 := _filesystem("/usr/local/bin", "write")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input4
}

test_deny_secret_reads if {
	input1 := _filesystem("/var/run/docker.sock", "read")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input1
	input2 := _filesystem("~/.ssh/id_ed25519", "read")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input2
	input3 := _filesystem("/home/agent/.aws/credentials", "read")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input3
	input4 := _filesystem("/var/run/secrets/kubernetes.io/serviceaccount/token", "read")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as input4
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as _filesystem("/", "read")
	testing.fires(control.deny, "/spec/identity/scopes/filesystem/0") with input as _filesystem("/proc/1/root", "read")
}

test_deny_relative_path if {
	findings := control.deny with input as _filesystem("../etc", "read")
	some finding in findings
	finding.undetermined
	finding.path == ["spec", "identity", "scopes", "filesystem", 0, "path"]
}
