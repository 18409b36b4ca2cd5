# METADATA
# title: Use is rate limited per user or trust tier
# description: >-
#   Checks that an AIDeployment sets at least one rate limit scoped to a user, API key or trust
#   tier, and that every rate limit has a request or token budget. Per-caller limits add
#   friction against rapid, large-scale generation of malicious content; a single global limit
#   does not stop one abuser.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: GATE-001
#   severity: high
#   version: 1
#   mitigates: [mit1166.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.gating.rate_limits

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	limits := object.get(entry.contents, ["spec", "gating", "rateLimits"], [])
	not _per_caller(limits)
	path := ["spec", "gating", "rateLimits"]
	text := "no rate limit per user, API key or trust tier"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, limit in object.get(entry.contents, ["spec", "gating", "rateLimits"], [])
	not limit.requestsPerMinute
	not limit.tokensPerMinute
	path := ["spec", "gating", "rateLimits", i]
	text := "rate limit sets no request or token budget"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

_per_caller(limits) if {
	some limit in limits
	limit.scope in {"user", "apiKey", "tier"}
}
