package riskreg.k8s.workload_link_test

import data.riskreg.k8s.workload_link as control
import data.riskreg.lib.testing

_linked_target(ai_ops, kind, k8s_ops) := testing.target(array.concat(
	[json.patch(testing.aideployment, ai_ops)],
	[_patched(doc, kind, k8s_ops) | some doc in testing.kubernetes],
))

_patched(doc, kind, operations) := json.patch(doc, operations) if doc.kind == kind

else := doc

_deployment(ops) := _linked_target([], "Deployment", ops)

test_pass_linked_and_verified if {
	target := testing.target(array.concat([testing.aideployment], testing.kubernetes))
	count(control.deny) == 0 with input as target
	{item.assurance | some item in control.checked} == {"verified"} with input as target
}

test_pass_manifest_alone_is_attested if {
	target := testing.target([testing.aideployment])
	count(control.deny) == 0 with input as target
	{item.assurance | some item in control.checked} == {"attested"} with input as target
}

test_pass_statefulset_link if {
	target := _linked_target(
		[testing.replace_at("/spec/workload/kind", "StatefulSet")],
		"Deployment",
		[testing.replace_at("/kind", "StatefulSet")],
	)
	count(control.deny) == 0 with input as target
}

test_deny_no_link if {
	target := testing.aideployment_with([testing.remove_at("/spec/workload")])
	testing.fires(control.deny, "/spec/workload") with input as target
}

test_deny_missing_workload if {
	target := _linked_target([testing.replace_at("/spec/workload/name", "other")], "Deployment", [])
	testing.fires(control.deny, "/spec/workload/name") with input as target
}

test_deny_workload_in_another_namespace if {
	target := _deployment([testing.replace_at("/metadata/namespace", "agents-staging")])
	testing.fires(control.deny, "/spec/workload/name") with input as target
}

test_deny_kind_spelled_in_another_case if {
	target := _deployment([testing.replace_at("/kind", "deployment")])
	testing.fires(control.deny, "/spec/workload/name") with input as target
}

test_deny_custom_resource_of_the_same_kind if {
	target := _deployment([testing.replace_at("/apiVersion", "apps.example.com/v1")])
	testing.fires(control.deny, "/spec/workload/name") with input as target
}

test_deny_other_kind_of_the_same_name if {
	target := _linked_target([testing.replace_at("/spec/workload/kind", "StatefulSet")], "Deployment", [])
	testing.fires(control.deny, "/spec/workload/name") with input as target
}

test_deny_other_service_account if {
	target := _linked_target([testing.replace_at("/spec/workload/serviceAccountName", "other")], "Deployment", [])
	testing.fires(control.deny, "/spec/workload/serviceAccountName") with input as target
}

test_deny_pods_run_as_default if {
	target := _deployment([testing.remove_at("/spec/template/spec/serviceAccountName")])
	testing.fires(control.deny, "/spec/workload/serviceAccountName") with input as target
}
