# METADATA
# title: The AI system may not replicate, modify itself or acquire resources
# description: >-
#   Checks that an AIDeployment explicitly forbids the system from spawning processes or agents,
#   modifying its own code or weights, and acquiring compute or credentials. These are the
#   commands self-proliferation needs; each must be declared false, since an undeclared
#   capability is an unreviewed one. Only the boolean false forbids: a string ("false", "no",
#   "off") or a number that spells it is not one, whatever a lenient reader makes of it, and a
#   YAML 1.1 `yes`, `on` or `y` is true.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1158
# custom:
#   id: PROL-001
#   severity: critical
#   version: 1
#   mitigates: [mit1158.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.6, MANAGE 2.4]
#     eu_ai_act: [Article 55]
#     iso_iec_42001: [A.6.2.5]
package riskreg.proliferation.self_replication_limits

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result

_capabilities := {
	"maySpawnProcesses": "spawn processes",
	"maySpawnAgents": "spawn agents or instances",
	"mayModifyOwnCode": "modify its own code",
	"mayModifyOwnWeights": "modify its own weights",
	"mayAcquireCompute": "acquire compute",
	"mayAcquireCredentials": "acquire credentials",
}

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

# Every capability declared the boolean false, as _all_forbidden compares them in one call.
_forbidden := {
	"maySpawnProcesses": false,
	"maySpawnAgents": false,
	"mayModifyOwnCode": false,
	"mayModifyOwnWeights": false,
	"mayAcquireCompute": false,
	"mayAcquireCredentials": false,
}

# True when every capability is forbidden (the usual case): one builtin call settles the
# deployment instead of one test per capability.
_all_forbidden(contents) if {
	proliferation := contents.spec.proliferation
	is_object(proliferation)
	object.subset(proliferation, _forbidden)
}

deny contains finding if {
	some entry in target.aideployments
	not _all_forbidden(entry.contents)
	some field, what in _capabilities
	not entry.contents.spec.proliferation[field] == false
	value := object.get(entry.contents, ["spec", "proliferation", field], null)
	path := ["spec", "proliferation", field]
	text := sprintf("the system is not forbidden to %s: %s %s", [what, field, declared.flag_problem(value, false)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}
