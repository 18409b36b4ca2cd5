# METADATA
# title: Behaviour is monitored against a current baseline with anomaly detection
# description: >-
#   Checks that an AIDeployment enables behavioural monitoring and anomaly detection (the
#   boolean true), names a detection engine riskreg knows (params aideployment.anomaly_engines),
#   and records a baseline that profiles at least one known signal (process, API, network,
#   filesystem) and was established at or before the evaluation time and no more than
#   params aideployment.baseline_max_age_days ago: a baseline dated in the future is no
#   evidence, an old one no longer describes the agent. Deviations from the baseline are how
#   unauthorised communication or misuse is noticed while it happens.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: MON-001
#   severity: medium
#   version: 2
#   mitigates: [mit1163.m3]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.4]
#     eu_ai_act: [Article 15, Article 72]
#     iso_iec_42001: [A.6.2.6]
package riskreg.monitoring.behavioural_baseline

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg_params as params

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.monitoring.enabled == true
	value := object.get(entry.contents, ["spec", "monitoring", "enabled"], null)
	path := ["spec", "monitoring", "enabled"]
	text := sprintf("behavioural monitoring is not enabled: monitoring.enabled %s", [declared.flag_problem(value, true)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not entry.contents.spec.monitoring.anomalyDetection.enabled == true
	value := object.get(entry.contents, ["spec", "monitoring", "anomalyDetection", "enabled"], null)
	path := ["spec", "monitoring", "anomalyDetection", "enabled"]
	text := sprintf("anomaly detection is not enabled: enabled %s", [declared.flag_problem(value, true)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	signals := object.get(entry.contents, ["spec", "monitoring", "baseline", "signals"], [])
	not declared.any_known("baseline_signals", signals)
	path := ["spec", "monitoring", "baseline", "signals"]
	text := "no behavioural baseline is recorded: it profiles no known signal (process, api, network, filesystem)"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	established := object.get(entry.contents, ["spec", "monitoring", "baseline", "established"], null)
	not declared.evidence_date(established)
	path := ["spec", "monitoring", "baseline", "established"]
	text := sprintf("the baseline's date %s", [declared.date_problem(established)])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	established := entry.contents.spec.monitoring.baseline.established
	declared.evidence_date(established)
	age := declared.age_days(established)
	age > params.aideployment.baseline_max_age_days
	path := ["spec", "monitoring", "baseline", "established"]
	text := sprintf("the baseline was established %v days ago, more than %v (params aideployment.baseline_max_age_days)", [
		age,
		params.aideployment.baseline_max_age_days,
	])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	engine := object.get(entry.contents, ["spec", "monitoring", "anomalyDetection", "engine"], null)
	not declared.known("anomaly_engines", engine)
	path := ["spec", "monitoring", "anomalyDetection", "engine"]
	text := sprintf(
		"anomaly detection engine %v is not one riskreg knows (params aideployment.anomaly_engines)",
		[_shown(engine)],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_shown(null) := "(not set)"

_shown(value) := sprintf("%q", [value]) if is_string(value)

_shown(value) := sprintf("%v", [value]) if {
	value != null
	not is_string(value)
}
