# METADATA
# title: Use is rate limited per caller, within a ceiling
# description: >-
#   Checks that every caller of an AIDeployment is bounded by a per-caller rate limit: a user or
#   API-key limit, or a tier limit for every trust tier (a tier limit naming no declared tier
#   bounds nobody); that every limit sets a request or token budget as a positive number; and
#   that no per-caller budget exceeds the ceiling for its scope in params
#   aideployment.rate_limit_ceilings (a budget at the ceiling is within it). Per-caller limits
#   add friction against rapid, large-scale generation of malicious content; a global limit, or
#   one of a billion requests a minute, does not stop one abuser.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: GATE-001
#   severity: high
#   version: 2
#   mitigates: [mit1166.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.gating.rate_limits

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	callers := declared.caller_limits[declared.key(entry)]
	callers.everyone == false
	count(callers.unbounded_tiers) == count(object.get(entry.contents, ["spec", "gating", "trustTiers"], []))
	path := ["spec", "gating", "rateLimits"]
	text := "no rate limit per user, API key or trust tier bounds the callers"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	callers := declared.caller_limits[declared.key(entry)]
	callers.everyone == false
	count(callers.unbounded_tiers) < count(object.get(entry.contents, ["spec", "gating", "trustTiers"], []))
	some [i, name] in callers.unbounded_tiers
	path := ["spec", "gating", "trustTiers", i]
	text := sprintf(
		"callers of tier %v are not rate limited: no tier limit names it and no user or API-key limit applies",
		[name],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some limit in declared.rate_limits
	limit.budgets == 0
	path := ["spec", "gating", "rateLimits", limit.index]
	text := "rate limit sets no request or token budget"
	finding := result.make(rego.metadata.chain(), limit.entry, path, text)
}

deny contains finding if {
	some limit in declared.rate_limits
	some [field, value] in limit.malformed
	path := ["spec", "gating", "rateLimits", limit.index, field]
	text := sprintf("%s %v is not a positive number of requests or tokens", [field, _shown(value)])
	finding := result.make(rego.metadata.chain(), limit.entry, path, text)
}

deny contains finding if {
	some limit in declared.rate_limits
	some [field, value, ceiling] in limit.excess
	path := ["spec", "gating", "rateLimits", limit.index, field]
	text := sprintf("%s %v is above the ceiling of %v for its scope (params aideployment.rate_limit_ceilings)", [
		field,
		value,
		ceiling,
	])
	finding := result.make(rego.metadata.chain(), limit.entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, limit in entry.contents.spec.gating.rateLimits
	limit.scope == "tier"
	tiers := {tier.name | some tier in entry.contents.spec.gating.trustTiers}
	not object.get(limit, "tier", null) in tiers
	path := ["spec", "gating", "rateLimits", i, "tier"]
	text := sprintf(
		"tier limit names tier %v, which is not a declared trust tier: it bounds nobody",
		[object.get(limit, "tier", "(none)")],
	)
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_shown(value) := sprintf("%q", [value]) if is_string(value)

else := sprintf("%v", [value])
