package riskreg.audit.audit_recency_test

import data.riskreg.audit.audit_recency as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_recent_audit if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_timestamp_date if {
	count(control.deny) == 0 with input as _with("/spec/audits/1/date", "2026-11-02T10:00:00Z")
}

test_pass_audit_dated_today if {
	count(control.deny) == 0 with input as _with("/spec/audits/1/date", "2026-11-18")
}

test_deny_stale_audits if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/date", "2024-01-10"),
		testing.replace_at("/spec/audits/1/date", "2025-02-01"),
	])
	testing.fires(control.deny, "/spec/audits/1/date") with input as target
}

test_deny_no_audits if {
	target := testing.aideployment_with([testing.remove_at("/spec/audits")])
	testing.fires(control.deny, "/spec/audits") with input as target
}

test_deny_later_clock if {
	clock := {"riskreg": {"schema": 2, "now_ns": 1900000000000000000}}
	later := object.union(testing.target([testing.aideployment]), clock)
	testing.fires(control.deny, "/spec/audits/1/date") with input as later
}

test_deny_future_date if {
	testing.fires(control.deny, "/spec/audits/1/date") with input as _with("/spec/audits/1/date", "2099-01-01")
}

test_deny_unparseable_date if {
	testing.fires(control.deny, "/spec/audits/1/date") with input as _with("/spec/audits/1/date", "last spring")
	testing.fires(control.deny, "/spec/audits/1/date") with input as _with("/spec/audits/1/date", 20261102)
}

test_deny_only_recent_audit_is_not_scoped_to_security if {
	target := _with("/spec/audits/1/scope", ["misuse"])
	testing.fires(control.deny, "/spec/audits") with input as target
}
