# METADATA
# title: Declared egress matches the workload's effective egress
# description: >-
#   When a target holds both an AIDeployment and the workload it links (spec.workload kind and
#   name in its namespace), compares the declaration with the workload's effective egress
#   (riskreg.lib.network): a declared default-deny contradicted by pods whose egress no policy
#   restricts fails, and so does any public address, port or DNS name the policies let the pods
#   reach that the allowlist does not list. When both agree the pass is verified; with the
#   declaration alone (no linked workload in the target) it is only attested.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: NET-004
#   severity: high
#   version: 2
#   mitigates: [mit1163.m2]
#   kinds:
#     - AIDeployment
#     - "*"
#     - NetworkPolicy
#     - CiliumNetworkPolicy
#     - CiliumClusterwideNetworkPolicy
#     - GlobalNetworkPolicy
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7, MANAGE 2.4]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.network.egress_declared_verified

import data.riskreg.lib.network
import data.riskreg.lib.result

# METADATA
# scope: rule
# description: >-
#   Verified when the linked workload is in the target (the declaration was compared with real
#   configuration), attested when only the declaration is.
checked contains _assurance(declaration.entry, object.get(network.linked, [id], set())) if {
	some id, declaration in network.declarations
}

# (One pass over the declarations; the linked set is looked up once per declaration.)
_assurance(entry, linked) := result.attested(entry) if linked == set()

else := result.verified(entry)

deny contains finding if {
	some id, workloads in network.linked
	declaration := network.declarations[id]
	declaration["default"] == "deny"
	some workload in workloads
	network.verdicts[workload].state == "unrestricted"
	record := network.workloads[workload].workload
	args := [network.workload_name(record), record.namespace, network.labels_text(record.labels)]
	template := concat(" ", [
		"declares default-deny egress, but no policy restricts the egress of %s:",
		"none in namespace %s selects %s (none in the target or --context)",
	])
	text := sprintf(template, args)
	finding := result.make(rego.metadata.chain(), declaration.entry, ["spec", "egress", "defaultPolicy"], text)
}

deny contains finding if {
	some id, workloads in network.linked
	declaration := network.declarations[id]
	some workload in workloads
	network.verdicts[workload].state == "undetermined"
	record := network.workloads[workload].workload
	reasons := concat("; ", sort(network.verdicts[workload].reasons))
	template := "the effective egress of %s cannot be compared with the declaration: %s"
	text := sprintf(template, [network.workload_name(record), reasons])
	finding := result.undetermined(rego.metadata.chain(), declaration.entry, ["spec", "egress"], text)
}

deny contains finding if {
	some id, gaps in network.undeclared
	declaration := network.declarations[id]
	declaration["default"] == "deny"
	some gap in gaps
	network.verdicts[gap.workload].state != "undetermined"
	text := sprintf("%s reaches %s on %s %s through %s (egress rule %d), which the allowlist does not declare", [
		network.workload_name(network.workloads[gap.workload].workload),
		_destination(gap), gap.protocol, _ports(gap), network.policy_name(gap.policy), gap.rule,
	])
	finding := result.make(rego.metadata.chain(), declaration.entry, ["spec", "egress", "allowlist"], text)
}

_destination(gap) := sprintf("the DNS name %s", [gap.pattern]) if is_string(gap.pattern)

else := sprintf("public addresses (%s and more)", [network.cidr_text(gap.family, gap.prefix)]) if {
	gap.prefix != ""
} else := sprintf("every public IPv%d address", [gap.family])

_ports(gap) := sprintf("port %d", [gap.from]) if gap.from == gap.to

else := sprintf("ports %d-%d", [gap.from, gap.to])
