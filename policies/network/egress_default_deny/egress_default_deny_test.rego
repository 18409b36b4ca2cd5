package riskreg.network.egress_default_deny_test

import data.riskreg.lib.testing
import data.riskreg.network.egress_default_deny as control

test_pass_default_deny if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_default_allow if {
	target := testing.aideployment_with([testing.replace_at("/spec/egress/defaultPolicy", "allow")])
	testing.fires(control.deny, "/spec/egress/defaultPolicy") with input as target
}

test_deny_no_egress_section if {
	target := testing.aideployment_with([testing.remove_at("/spec/egress")])
	testing.fires(control.deny, "/spec/egress/defaultPolicy") with input as target
}

test_deny_entry_without_destination if {
	target := testing.aideployment_with([testing.replace_at("/spec/egress/allowlist/0", {"ports": [443]})])
	testing.fires(control.deny, "/spec/egress/allowlist/0") with input as target
}

test_deny_any_cidr if {
	target := testing.aideployment_with([testing.replace_at("/spec/egress/allowlist/1/cidr", "0.0.0.0/0")])
	testing.fires(control.deny, "/spec/egress/allowlist/1") with input as target
}

test_deny_any_domain if {
	target := testing.aideployment_with([testing.replace_at("/spec/egress/allowlist/0/domain", "*")])
	testing.fires(control.deny, "/spec/egress/allowlist/0") with input as target
}
