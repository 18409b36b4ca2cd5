package riskreg.proliferation.self_replication_limits_test

import data.riskreg.lib.testing
import data.riskreg.proliferation.self_replication_limits as control

test_pass_all_forbidden if {
	count(control.deny) == 0 with input as testing.target([testing.aideployment])
}

test_deny_may_spawn_agents if {
	target := testing.aideployment_with([testing.replace_at("/spec/proliferation/maySpawnAgents", true)])
	testing.fires(control.deny, "/spec/proliferation/maySpawnAgents") with input as target
}

test_deny_undeclared if {
	findings := control.deny with input as testing.aideployment_with([testing.remove_at("/spec/proliferation")])
	count(findings) == 6
}
