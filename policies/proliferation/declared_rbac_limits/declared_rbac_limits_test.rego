package riskreg.proliferation.declared_rbac_limits_test

import data.riskreg.lib.testing
import data.riskreg.proliferation.declared_rbac_limits as control

_full(kubernetes) := testing.target(array.concat([testing.aideployment], kubernetes))

_kubernetes_with(rule) := [_patched(doc, rule) | some doc in testing.kubernetes]

_patched(doc, rule) := json.patch(doc, [testing.replace_at("/rules/0", rule)]) if doc.kind == "Role"

else := doc

test_pass_verified_against_the_workload if {
	count(control.deny) == 0 with input as _full(testing.kubernetes)
	{item.assurance | some item in control.checked} == {"verified"} with input as _full(testing.kubernetes)
}

test_pass_declaration_alone_is_attested if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
	{item.assurance | some item in control.checked} == {"attested"} with input as testing.target([testing.aideployment])
}

test_pass_kubernetes_alone_is_not_applicable if {
	count(control.checked) == 0 with input as testing.target(testing.kubernetes)
}

test_deny_spawning_contradicted if {
	kubernetes := _kubernetes_with({"apiGroups": ["apps"], "resources": ["deployments"], "verbs": ["create"]})
	findings := control.deny with input as _full(kubernetes)
	testing.fires(findings, "/spec/proliferation/maySpawnAgents")
	not testing.fires(findings, "/spec/proliferation/mayAcquireCredentials")
}

test_deny_credentials_contradicted if {
	kubernetes := _kubernetes_with({"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]})
	findings := control.deny with input as _full(kubernetes)
	testing.fires(findings, "/spec/proliferation/mayAcquireCredentials")
	not testing.fires(findings, "/spec/proliferation/maySpawnAgents")
}

test_deny_declared_flag_true_is_not_contradicted if {
	kubernetes := _kubernetes_with({"apiGroups": [""], "resources": ["secrets"], "verbs": ["list"]})
	declared := json.patch(testing.aideployment, [testing.replace_at("/spec/proliferation/mayAcquireCredentials", true)])
	count(control.deny) == 0 with input as testing.target(array.concat([declared], kubernetes))
}

test_deny_service_account_mismatch if {
	declared := json.patch(testing.aideployment, [testing.replace_at("/spec/identity/serviceAccount", "someone-else")])
	findings := control.deny with input as testing.target(array.concat([declared], testing.kubernetes))
	testing.fires(findings, "/spec/identity/serviceAccount")
}

test_deny_missing_role_is_undetermined if {
	binding := json.patch(testing.kubernetes[4], [testing.replace_at("/roleRef/name", "nowhere")])
	kubernetes := [doc | some doc in testing.kubernetes; doc.kind != "RoleBinding"]
	findings := control.deny with input as _full(array.concat(kubernetes, [binding]))
	some finding in findings
	finding.undetermined
	finding.path == ["spec", "proliferation", "maySpawnAgents"]
}
