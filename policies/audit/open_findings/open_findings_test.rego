package riskreg.audit.open_findings_test

import data.riskreg.audit.open_findings as control
import data.riskreg.lib.testing

_critical := {"id": "RT-1", "title": "x", "severity": "critical"}

test_pass_resolved_findings if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_deny_open_critical if {
	target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0", _critical)])
	testing.fires(control.deny, "/spec/audits/0/findings/0") with input as target
}

test_deny_finding_without_severity_or_status if {
	target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0", {"id": "RT-1", "title": "x"})])
	testing.fires(control.deny, "/spec/audits/0/findings/0") with input as target
}

test_deny_accepted_high if {
	item := object.union(_critical, {"status": "accepted", "severity": "high"})
	target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0", item)])
	testing.fires(control.deny, "/spec/audits/0/findings/0") with input as target
}

test_deny_resolved_in_a_future_audit if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/1/findings", [object.union(_critical, {"status": "resolved"})]),
		testing.replace_at("/spec/audits/1/date", "2099-01-01"),
	])
	testing.fires(control.deny, "/spec/audits/1/findings/0") with input as target
}

test_pass_resolved_in_a_later_audit if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/findings/0", _critical),
		testing.replace_at("/spec/audits/1/findings", [object.union(_critical, {"status": "resolved"})]),
	])
	count(control.deny) == 0 with input as target
}

test_deny_resolution_in_a_future_audit_does_not_close_an_earlier_finding if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/findings/0", _critical),
		testing.replace_at("/spec/audits/1/findings", [object.union(_critical, {"status": "resolved"})]),
		testing.replace_at("/spec/audits/1/date", "2099-01-01"),
	])
	testing.fires(control.deny, "/spec/audits/0/findings/0") with input as target
}

test_warn_open_medium if {
	target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0/status", "open")])
	testing.fires(control.warn, "/spec/audits/0/findings/0") with input as target
}

test_deny_unknown_status if {
	item := object.union(_critical, {"status": "wontfix"})
	target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0", item)])
	testing.fires(control.deny, "/spec/audits/0/findings/0") with input as target
}

test_deny_open_finding_of_an_unknown_severity if {
	every severity in ["severe", "P0", "Blocker", ""] {
		item := object.union(_critical, {"severity": severity})
		target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0", item)])
		testing.fires(control.deny, "/spec/audits/0/findings/0") with input as target
	}
}

test_pass_open_low_finding if {
	item := object.union(_critical, {"severity": "Low"})
	target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0", item)])
	count(control.deny) == 0 with input as target
}
