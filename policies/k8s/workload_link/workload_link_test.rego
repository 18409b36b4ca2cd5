package riskreg.k8s.workload_link_test

import data.riskreg.k8s.workload_link as control
import data.riskreg.lib.testing

test_pass_linked if {
	count(control.deny) == 0 with input as testing.target(array.concat([testing.aideployment], testing.kubernetes))
}

test_pass_manifest_alone if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_no_link if {
	target := testing.aideployment_with([testing.remove_at("/spec/workload")])
	testing.fires(control.deny, "/spec/workload") with input as target
}

test_deny_missing_workload if {
	doc := json.patch(testing.aideployment, [testing.replace_at("/spec/workload/name", "other")])
	target := testing.target(array.concat([doc], testing.kubernetes))
	testing.fires(control.deny, "/spec/workload/name") with input as target
}

test_deny_other_service_account if {
	doc := json.patch(testing.aideployment, [testing.replace_at("/spec/workload/serviceAccountName", "other")])
	target := testing.target(array.concat([doc], testing.kubernetes))
	testing.fires(control.deny, "/spec/workload/serviceAccountName") with input as target
}
