package riskreg.audit.open_findings_test

import data.riskreg.audit.open_findings as control
import data.riskreg.lib.testing

test_pass_resolved_findings if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_deny_open_critical if {
	op := testing.replace_at("/spec/audits/0/findings/0", {"id": "RT-1", "title": "x", "severity": "critical"})
	target := testing.aideployment_with([op])
	testing.fires(control.deny, "/spec/audits/0/findings/0") with input as target
}

test_warn_open_medium if {
	target := testing.aideployment_with([testing.replace_at("/spec/audits/0/findings/0/status", "open")])
	testing.fires(control.warn, "/spec/audits/0/findings/0") with input as target
}
