# METADATA
# title: Use is monitored for misuse in real time
# description: >-
#   Checks that an AIDeployment monitors usage in real time (both the boolean true) for
#   anomalous activity that indicates malicious exploitation, and that it watches at least one
#   misuse signal riskreg knows (params aideployment.misuse_signals: prompt injection, high
#   volume in sensitive domains...). An empty signal list or only unknown names watches nothing
#   riskreg can tell; unknown names next to a known one warn. Governance needs to see misuse
#   while it happens, not in a quarterly report.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: ACC-003
#   severity: high
#   version: 2
#   mitigates: [mit1166.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 4.1, MEASURE 2.4]
#     eu_ai_act: [Article 55, Article 72]
#     iso_iec_42001: [A.6.2.6]
package riskreg.access.misuse_monitoring

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	some field in ["enabled", "realtime"]
	not entry.contents.spec.access.misuseMonitoring[field] == true
	value := object.get(entry.contents, ["spec", "access", "misuseMonitoring", field], null)
	path := ["spec", "access", "misuseMonitoring", field]
	text := sprintf(
		"usage is not monitored for misuse in real time: %s %s",
		[field, declared.flag_problem(value, true)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	signals := object.get(entry.contents, ["spec", "access", "misuseMonitoring", "signals"], [])
	not declared.any_known("misuse_signals", signals)
	path := ["spec", "access", "misuseMonitoring", "signals"]
	text := sprintf(
		"misuse monitoring watches no known signal (params aideployment.misuse_signals)%s",
		[_named(signals)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

warn contains finding if {
	some entry in target.aideployments
	signals := entry.contents.spec.access.misuseMonitoring.signals
	some i, name in signals
	not name in params.aideployment.misuse_signals # listed as written: known without a call
	not declared.known("misuse_signals", name)
	declared.any_known("misuse_signals", signals)
	path := ["spec", "access", "misuseMonitoring", "signals", i]
	text := sprintf(
		"misuse signal %v is unknown to riskreg: add it to params aideployment.misuse_signals if it is real",
		[sprintf("%v", [name])],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_named(signals) := sprintf("; named: %s", [concat(", ", [sprintf("%v", [name]) | some name in signals])]) if {
	is_array(signals)
	count(signals) > 0
} else := ""
