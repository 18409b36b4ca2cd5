package riskreg.access.audit_logging_test

import data.riskreg.access.audit_logging as control
import data.riskreg.lib.testing

_with(path, value) := testing.aideployment_with([testing.replace_at(path, value)])

test_pass_logged if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.checked) == 1 with input as testing.target([testing.aideployment])
}

test_pass_retention_at_the_minimum if {
	count(control.deny) == 0 with input as _with("/spec/access/auditLogging/retentionDays", 184)
}

test_deny_not_logged if {
	target := testing.aideployment_with([testing.remove_at("/spec/access/auditLogging")])
	testing.fires(control.deny, "/spec/access/auditLogging/enabled") with input as target
}

test_deny_enabled_as_a_string if {
	input1 := _with("/spec/access/auditLogging/enabled", "true")
	testing.fires(control.deny, "/spec/access/auditLogging/enabled") with input as input1
}

test_deny_short_retention if {
	input1 := _with("/spec/access/auditLogging/retentionDays", 183)
	testing.fires(control.deny, "/spec/access/auditLogging/retentionDays") with input as input1
}

test_deny_retention_as_a_string if {
	input1 := _with("/spec/access/auditLogging/retentionDays", "365")
	testing.fires(control.deny, "/spec/access/auditLogging/retentionDays") with input as input1
}

test_deny_missing_retention if {
	target := testing.aideployment_with([testing.remove_at("/spec/access/auditLogging/retentionDays")])
	testing.fires(control.deny, "/spec/access/auditLogging/retentionDays") with input as target
}

test_deny_null_destination if {
	input1 := _with("/spec/access/auditLogging/destination", "/dev/null")
	testing.fires(control.deny, "/spec/access/auditLogging/destination") with input as input1
	input2 := _with("/spec/access/auditLogging/destination", " ")
	testing.fires(control.deny, "/spec/access/auditLogging/destination") with input as input2
	target := testing.aideployment_with([testing.remove_at("/spec/access/auditLogging/destination")])
	testing.fires(control.deny, "/spec/access/auditLogging/destination") with input as target
}
