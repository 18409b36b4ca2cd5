package riskreg.access.audit_logging_test

import data.riskreg.access.audit_logging as control
import data.riskreg.lib.testing

test_pass_logged if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_deny_not_logged if {
	target := testing.aideployment_with([testing.remove_at("/spec/access/auditLogging")])
	testing.fires(control.deny, "/spec/access/auditLogging/enabled") with input as target
}

test_warn_short_retention if {
	target := testing.aideployment_with([testing.replace_at("/spec/access/auditLogging/retentionDays", 30)])
	testing.fires(control.warn, "/spec/access/auditLogging/retentionDays") with input as target
}
