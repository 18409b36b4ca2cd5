package riskreg.proliferation.self_replication_limits_test

import data.riskreg.lib.testing
import data.riskreg.proliferation.self_replication_limits as control

_with(value) := testing.aideployment_with([testing.replace_at("/spec/proliferation/maySpawnAgents", value)])

test_pass_all_forbidden if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_may_spawn_agents if {
	testing.fires(control.deny, "/spec/proliferation/maySpawnAgents") with input as _with(true)
}

test_deny_false_as_a_string if {
	testing.fires(control.deny, "/spec/proliferation/maySpawnAgents") with input as _with("false")
	testing.fires(control.deny, "/spec/proliferation/maySpawnAgents") with input as _with("no")
	testing.fires(control.deny, "/spec/proliferation/maySpawnAgents") with input as _with(0)
}

test_deny_undeclared if {
	findings := control.deny with input as testing.aideployment_with([testing.remove_at("/spec/proliferation")])
	count(findings) == 6
}

test_pass_forbidden_lists_every_capability if {
	object.keys(control._forbidden) == object.keys(control._capabilities)
	every value in control._forbidden {
		value == false
	}
}

test_deny_proliferation_not_an_object if {
	findings := control.deny with input as testing.aideployment_with([testing.replace_at("/spec/proliferation", "none")])
	count(findings) == 6
}
