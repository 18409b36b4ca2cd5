# METADATA
# title: High-impact capabilities need verified identity and context-aware refusal
# description: >-
#   Checks that an AIDeployment defines progressive trust tiers in which every tier unlocking
#   high-impact capabilities requires identity verification, and that a context-aware refusal
#   policy is enabled. Capability gating keeps the most dangerous general capabilities away from
#   anonymous or unverified users.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1166
# custom:
#   id: GATE-002
#   severity: medium
#   version: 1
#   mitigates: [mit1166.m1]
#   kinds: [AIDeployment]
#   frameworks:
#     nist_ai_rmf: [MANAGE 1.3]
#     eu_ai_act: [Article 9, Article 55]
#     iso_iec_42001: [A.9.2]
package riskreg.gating.progressive_trust

import data.riskreg.lib.input as target
import data.riskreg.lib.result

# METADATA
# description: The AIDeployment's own declaration is all this control reads.
checked contains result.attested(entry) if some entry in target.aideployments

deny contains finding if {
	some entry in target.aideployments
	tiers := object.get(entry.contents, ["spec", "gating", "trustTiers"], [])
	not _verified_tier(tiers)
	path := ["spec", "gating", "trustTiers"]
	text := "no trust tier requires identity verification"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	some i, tier in object.get(entry.contents, ["spec", "gating", "trustTiers"], [])
	tier.highImpact == true
	object.get(tier, "requiresIdentityVerification", false) != true
	path := ["spec", "gating", "trustTiers", i]
	text := sprintf("tier %v unlocks high-impact capabilities without identity verification", [tier.name])
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	some entry in target.aideployments
	policy := object.get(entry.contents, ["spec", "gating", "refusalPolicy"], {})
	not _context_aware(policy)
	path := ["spec", "gating", "refusalPolicy"]
	text := "no enabled, context-aware refusal policy"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

warn contains finding if {
	some entry in target.aideployments
	_context_aware(entry.contents.spec.gating.refusalPolicy)
	count(object.get(entry.contents.spec.gating.refusalPolicy, "categories", [])) == 0
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
