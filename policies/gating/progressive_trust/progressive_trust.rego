# METADATA
# title: High-impact capabilities need verified identity and context-aware refusal
# description: >-
#   Checks that an AIDeployment defines progressive trust tiers in which no tier without
#   identity verification (the boolean true) unlocks a high-impact capability, judged by the
#   catalogue in params aideployment.high_impact_capabilities (code execution, payments, shell,
#   tools...) and not by the tier's own `highImpact` flag; a wildcard, `all` or a glob reaching a
#   catalogued capability counts as unlocking it. It also checks that some tier requires
#   identity verification and that a context-aware refusal policy is enabled. Capability gating
#   keeps the most dangerous general capabilities away from anonymous or unverified users.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: GATE-002
#   severity: medium
#   version: 2
#   mitigates: [mit1166.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.gating.progressive_trust

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	not _verified_tier(object.get(entry.contents, ["spec", "gating", "trustTiers"], []))
	path := ["spec", "gating", "trustTiers"]
	text := "no trust tier requires identity verification"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some grant in declared.high_impact_grants
	not grant.verified
	path := ["spec", "gating", "trustTiers", grant.tier_index, "capabilities", grant.index]
	text := sprintf("tier %v unlocks the high-impact capability %v without identity verification", [
		grant.tier,
		_shown(grant.capability),
	])
	finding := result.make(rego.metadata.chain(), grant.entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, tier in entry.contents.spec.gating.trustTiers
	tier.highImpact == true
	not tier.requiresIdentityVerification == true
	verification := object.get(tier, "requiresIdentityVerification", null)
	path := ["spec", "gating", "trustTiers", i, "requiresIdentityVerification"]
	text := sprintf("tier %v declares high-impact capabilities but identity verification %s", [
		tier.name,
		declared.flag_problem(verification, true),
	])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	not _context_aware(object.get(entry.contents, ["spec", "gating", "refusalPolicy"], null))
	path := ["spec", "gating", "refusalPolicy"]
	text := "no enabled, context-aware refusal policy"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

warn contains finding if {
	some entry in target.aideployments
	policy := entry.contents.spec.gating.refusalPolicy
	_context_aware(policy)
	count(declared.as_list(object.get(policy, "categories", []))) == 0
	path := ["spec", "gating", "refusalPolicy", "categories"]
	finding := result.make(rego.metadata.chain(), entry, path, "refusal policy lists no categories")
}

_verified_tier(tiers) if {
	some tier in tiers
	tier.requiresIdentityVerification == true
}

_context_aware(policy) if {
	policy.enabled == true
	policy.contextAware == true
}

_shown(value) := sprintf("%q", [value]) if is_string(value)

else := sprintf("%v", [value])
