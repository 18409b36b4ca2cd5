package riskreg.audit.self_replication_evaluation_test

import data.riskreg.audit.self_replication_evaluation as control
import data.riskreg.lib.testing

test_pass_replibench if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_audits if {
	findings := control.deny with input as testing.aideployment_with([testing.replace_at("/spec/audits", [])])
	count(findings) == 2
}

test_deny_no_suite if {
	target := testing.aideployment_with([
		testing.remove_at("/spec/audits/0/suite"),
		testing.remove_at("/spec/audits/1/suite"),
	])
	testing.fires(control.deny, "/spec/audits") with input as target
}

test_deny_internal_only if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/external", false),
		testing.replace_at("/spec/audits/1/external", false),
	])
	testing.fires(control.deny, "/spec/audits") with input as target
}
