# METADATA
# title: Workload egress is restricted and does not reach the public internet
# description: >-
#   Checks the effective egress of every workload (riskreg.lib.network): its pods must be
#   selected by a policy that restricts egress (Kubernetes NetworkPolicy, Cilium or Calico, in
#   the target or --context), and the union of everything the policies selecting them allow
#   must not reach more public address space on any protocol and port than
#   riskreg_params.network allows (more than one /24 of IPv4 or /48 of IPv6 by default), nor a
#   too broad DNS name. Public reachability is computed with CIDR arithmetic (excepts, split
#   ranges, IPv6, port ranges, second policies); a DNS allowlist (Cilium toFQDNs) is a
#   restriction. What the understood subset cannot decide fails as "cannot determine".
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: NET-003
#   severity: high
#   version: 3
#   mitigates: [mit1163.m2]
#   kinds:
#     - "*"
#     - NetworkPolicy
#     - CiliumNetworkPolicy
#     - CiliumClusterwideNetworkPolicy
#     - GlobalNetworkPolicy
#     - NetworkSet
#     - GlobalNetworkSet
#     - Namespace
#   frameworks:
#     nist_ai_rmf: [MEASURE 2.7]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.5]
package riskreg.network.egress_network_policy

import data.riskreg.lib.input as target
import data.riskreg.lib.network
import data.riskreg.lib.result

# METADATA
# description: Every workload of the target is judged from its real pod spec and policies.
checked contains result.verified(record.workload.entry) if some record in network.workloads

deny contains finding if {
	some id, verdict in network.verdicts
	verdict.state == "unrestricted"
	workload := network.workloads[id].workload
	args := [network.workload_name(workload), workload.namespace, _labels(workload), _not_restricting(id)]
	template := concat(" ", [
		"egress of %s is unrestricted: no policy in namespace %s selects %s and restricts egress",
		"(none in the target or --context)%s",
	])
	text := sprintf(template, args)
	finding := result.make(rego.metadata.chain(), workload.entry, workload.labels_path, text)
}

deny contains finding if {
	some id, verdict in network.verdicts
	verdict.state == "undetermined"
	workload := network.workloads[id].workload
	text := sprintf("egress of %s: %s", [network.workload_name(workload), concat("; ", sort(verdict.reasons))])
	finding := result.undetermined(rego.metadata.chain(), workload.entry, workload.labels_path, text)
}

# An opening rule of the target's own policy is reported on the rule itself.
deny contains finding if {
	some id, verdict in network.verdicts
	verdict.state == "open"
	some [policy, i] in verdict.rules
	record := network.policies[policy]
	record.entry in target.entries
	args := [network.workload_name(network.workloads[id].workload), network.open_text[id]]
	text := sprintf("this egress rule lets %s reach the public internet: %s", args)
	finding := result.make(rego.metadata.chain(), record.entry, record.rules[i].path, text)
}

# A context policy is never judged itself: the finding is on the workload it opens.
deny contains finding if {
	some id, verdict in network.verdicts
	verdict.state == "open"
	some [policy, i] in verdict.rules
	record := network.policies[policy]
	not record.entry in target.entries
	workload := network.workloads[id].workload
	args := [network.workload_name(workload), network.policy_name(policy), record.entry.path, i, network.open_text[id]]
	text := sprintf("%s reaches the public internet through %s (%s, egress rule %d): %s", args)
	finding := result.make(rego.metadata.chain(), workload.entry, workload.labels_path, text)
}

_labels(workload) := network.labels_text(workload.labels) if count(workload.labels) > 0

else := "pods without labels"

_not_restricting(id) := "" if {
	count(network.workloads[id].selecting) == 0
} else := sprintf("; %s select them without restricting egress", [concat(", ", names)]) if {
	names := sort([network.policy_name(policy) | some policy in network.workloads[id].selecting])
}
