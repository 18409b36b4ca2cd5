package riskreg.network.egress_default_deny_test

import data.riskreg.lib.testing
import data.riskreg.network.egress_default_deny as control

_entry(key, value) := {key: value, "ports": [443], "protocols": ["HTTPS"]}

_allowlist(entries) := testing.aideployment_with([testing.replace_at("/spec/egress/allowlist", entries)])

test_pass_default_deny if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_private_range_and_subdomain_wildcard if {
	entries := [_entry("domain", "*.search.example.com"), _entry("cidr", "10.0.0.0/8"), _entry("cidr", "8.8.8.0/25")]
	count(control.deny) == 0 with input as _allowlist(entries)
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

test_deny_broad_domains if {
	every domain in ["*", "*.*", "*.com", "com", "*.co.uk", "93.184.216.34", "*example.com", "a:443"] {
		testing.fires(control.deny, "/spec/egress/allowlist/0/domain") with input as _allowlist([_entry("domain", domain)])
	}
}

test_deny_any_cidr_in_every_spelling if {
	every cidr in ["0.0.0.0/0", "1.2.3.4/0", "::/0", "0::0/0", "52.0.0.0/8", "2600::/16"] {
		testing.fires(control.deny, "/spec/egress/allowlist/0/cidr") with input as _allowlist([_entry("cidr", cidr)])
	}
}

test_deny_split_cidrs_together if {
	entries := [_entry("cidr", "0.0.0.0/1"), _entry("cidr", "128.0.0.0/1")]
	testing.fires(control.deny, "/spec/egress/allowlist/0/cidr") with input as _allowlist(entries)
	testing.fires(control.deny, "/spec/egress/allowlist/1/cidr") with input as _allowlist(entries)
}

test_pass_split_cidrs_on_different_ports if {
	entries := [_entry("cidr", "8.8.8.0/24"), {"cidr": "1.1.1.0/24", "ports": [53], "protocols": ["DNS"]}]
	count(control.deny) == 0 with input as _allowlist(entries)
}

test_deny_unreadable_cidr if {
	testing.fires(control.deny, "/spec/egress/allowlist/0/cidr") with input as _allowlist([_entry("cidr", "0/0")])
}
