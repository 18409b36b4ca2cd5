package riskreg.isolation.sandbox_test

import data.riskreg.isolation.sandbox as control
import data.riskreg.lib.testing

_documents := array.concat([testing.aideployment], array.concat(testing.kubernetes, [testing.runtime_class]))

_with(kind, operations) := testing.target([_patched(doc, kind, operations) | some doc in _documents])

_patched(doc, kind, operations) := json.patch(doc, operations) if doc.kind == kind

else := doc

test_pass_gvisor if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	count(control.warn) == 0 with input as testing.target([testing.aideployment])
}

test_pass_declaration_alone_is_attested if {
	{item.assurance | some item in control.checked} == {"attested"} with input as testing.target([testing.aideployment])
}

test_pass_confirmed_by_the_runtime_class_is_verified if {
	count(control.deny) == 0 with input as _with("AIDeployment", [])
	{item.assurance | some item in control.checked} == {"verified"} with input as _with("AIDeployment", [])
}

test_pass_missing_runtime_class_stays_attested if {
	documents := array.concat([testing.aideployment], testing.kubernetes)
	count(control.deny) == 0 with input as testing.target(documents)
	{item.assurance | some item in control.checked} == {"attested"} with input as testing.target(documents)
}

test_deny_no_sandbox if {
	target := testing.aideployment_with([testing.replace_at("/spec/isolation/sandbox", "none")])
	testing.fires(control.deny, "/spec/isolation/sandbox") with input as target
}

test_warn_plain_container if {
	target := testing.aideployment_with([testing.replace_at("/spec/isolation/sandbox", "container")])
	testing.fires(control.warn, "/spec/isolation/sandbox") with input as target
}

test_deny_host_access if {
	target := testing.aideployment_with([testing.replace_at("/spec/isolation/hostAccess", true)])
	testing.fires(control.deny, "/spec/isolation/hostAccess") with input as target
}

test_deny_declared_gvisor_runs_runc if {
	target := _with("RuntimeClass", [testing.replace_at("/handler", "runc")])
	testing.fires(control.deny, "/spec/template/spec/runtimeClassName") with input as target
}

test_deny_declared_gvisor_without_runtime_class_name if {
	target := _with("Deployment", [testing.remove_at("/spec/template/spec/runtimeClassName")])
	testing.fires(control.deny, "/spec/template/spec/runtimeClassName") with input as target
}

test_deny_declared_kata_runs_gvisor if {
	target := _with("AIDeployment", [testing.replace_at("/spec/isolation/sandbox", "kata")])
	findings := control.deny with input as target
	testing.fires(findings, "/spec/template/spec/runtimeClassName")
	some finding in findings
	contains(finding.msg, "declares the sandbox kata")
}

test_deny_host_access_contradicted_by_the_workload if {
	target := _with("Deployment", [testing.add_at("/spec/template/spec/hostPID", true)])
	findings := control.deny with input as target
	testing.fires(findings, "/spec/template/spec/hostPID")
	some finding in findings
	contains(finding.msg, "declares hostAccess: false")
}

test_pass_unlinked_workload_is_not_compared if {
	aideployment := json.patch(testing.aideployment, [testing.replace_at("/spec/workload/name", "other")])
	deployment := json.patch(testing.kubernetes[1], [testing.add_at("/spec/template/spec/hostPID", true)])
	target := testing.target([aideployment, deployment, testing.runtime_class])
	count(control.deny) == 0 with input as target
	{item.assurance | some item in control.checked} == {"attested"} with input as target
}
