package riskreg.audit.self_replication_evaluation_test

import data.riskreg.audit.self_replication_evaluation as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_replibench if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_pass_suite_spelled_differently if {
	count(control.deny) == 0 with input as _with("/spec/audits/0/suite", " RepliBench ")
}

test_deny_no_audits if {
	findings := control.deny with input as _with("/spec/audits", [])
	count(findings) == 2
}

test_deny_no_suite if {
	target := testing.aideployment_with([testing.remove_at("/spec/audits/0/suite")])
	testing.fires(control.deny, "/spec/audits/0/suite") with input as target
}

test_deny_placeholder_suite if {
	testing.fires(control.deny, "/spec/audits/0/suite") with input as _with("/spec/audits/0/suite", "none")
}

test_deny_future_evaluation if {
	testing.fires(control.deny, "/spec/audits/0/date") with input as _with("/spec/audits/0/date", "2099-01-01")
}

test_deny_internal_only if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/external", false),
		testing.replace_at("/spec/audits/1/external", false),
	])
	testing.fires(control.deny, "/spec/audits") with input as target
}

test_deny_external_as_a_string if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/external", "true"),
		testing.replace_at("/spec/audits/1/external", "true"),
	])
	testing.fires(control.deny, "/spec/audits") with input as target
}

test_deny_only_external_audit_scoped_to_something_else if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/external", false),
		testing.replace_at("/spec/audits/1/scope", ["security", "misuse"]),
	])
	testing.fires(control.deny, "/spec/audits/1/scope") with input as target
}

test_deny_only_external_self_replication_audit_in_the_future if {
	target := testing.aideployment_with([
		testing.replace_at("/spec/audits/0/external", false),
		testing.replace_at("/spec/audits/1/date", "2099-01-01"),
	])
	testing.fires(control.deny, "/spec/audits/1/date") with input as target
}
