# METADATA
# title: The AIDeployment names the workload and ServiceAccount that run it
# description: >-
#   Checks that an AIDeployment links to its Kubernetes workload and ServiceAccount and, when
#   the target holds Kubernetes workloads (found by shape, riskreg.lib.workloads), that the
#   named workload is among them as Kubernetes identifies it: the same kind, spelled exactly
#   (kinds are case-sensitive), of the kind's own API group (apps, batch or core; a custom
#   resource called Deployment is another kind), the same name, in the AIDeployment's namespace,
#   and that its pods run as the named ServiceAccount. Without the link, the declared identity
#   and the cluster identity the controls check can silently differ. A link riskreg resolved to
#   the real workload is verified; one it could only read is attested.
# related_resources:
#   - ref: https://airisk.mit.edu
#     description: MIT AI Risk Repository, mit1163
# custom:
#   id: K8S-002
#   severity: low
#   version: 2
#   mitigates: [mit1163.m1]
#   kinds: [AIDeployment, "*"]
#   frameworks:
#     nist_ai_rmf: [MAP 4.1]
#     eu_ai_act: [Article 15]
#     iso_iec_42001: [A.6.2.7]
package riskreg.k8s.workload_link

import data.riskreg.lib.aideployment as declared
import data.riskreg.lib.input as target
import data.riskreg.lib.result
import data.riskreg.lib.workloads

# The API group each kind a link may name belongs to ("" is the core group).
_groups := {
	"Deployment": "apps",
	"StatefulSet": "apps",
	"DaemonSet": "apps",
	"Job": "batch",
	"CronJob": "batch",
	"Pod": "",
}

# A resolved link is verified against the real workload; without workloads it is only declared.
checked contains result.verified(entry) if {
	some entry in target.aideployments
	_linked[declared.key(entry)] != set()
}

checked contains result.attested(entry) if {
	workloads.pod_specs == set()
	some entry in target.aideployments
}

# For each AIDeployment, the workloads its link resolves to. The name, the most selective
# test, comes first and the namespace is read once per deployment; the API group, a function
# call, is asked last.
_linked[k] := {workload |
	some workload in workloads.pod_specs
	workload.name == link.name
	workload.kind == link.kind
	workload.namespace == namespace
	_group(workload.entry.contents) == _groups[link.kind]
} if {
	some entry in target.aideployments
	k := declared.key(entry)
	link := _link(entry)
	namespace := workloads.namespace(entry.contents)
}

_link(entry) := object.union({"kind": "Deployment"}, link) if {
	link := entry.contents.spec.workload
	is_object(link)
}

# The text before the first slash of apiVersion, or "" when it has none (the core group).
_group(obj) := substring(version, 0, max([indexof(version, "/"), 0])) if {
	version := obj.apiVersion
	is_string(version)
}

deny contains finding if {
	some entry in target.aideployments
	not is_string(object.get(entry.contents, ["spec", "workload", "name"], null))
	path := ["spec", "workload"]
	text := "no Kubernetes workload is linked"
	finding := result.make(rego.metadata.chain(), entry, path, text)
}

deny contains finding if {
	workloads.pod_specs != set()
	some entry in target.aideployments
	link := _link(entry)
	is_string(link.name)
	_linked[declared.key(entry)] == set()
	text := sprintf("workload %v %v in namespace %v is not in this target%s", [
		link.kind,
		link.name,
		workloads.namespace(entry.contents),
		_near_misses(link),
	])
	finding := result.make(rego.metadata.chain(), entry, ["spec", "workload", "name"], text)
}

deny contains finding if {
	some entry in target.aideployments
	link := _link(entry)
	some workload in _linked[declared.key(entry)]
	is_string(link.serviceAccountName)
	workload.service_account != link.serviceAccountName
	text := sprintf("workload runs as ServiceAccount %v, not %v", [workload.service_account, link.serviceAccountName])
	finding := result.make(rego.metadata.chain(), entry, ["spec", "workload", "serviceAccountName"], text)
}

# Workloads of the same name that differ in kind, group or namespace, to say why none matched.
_near_misses(link) := "" if {
	count(_misses(link)) == 0
} else := sprintf(" (found only %s)", [concat(", ", sort(_misses(link)))])

_misses(link) := {sprintf("%v %v/%v of %v", [workload.kind, workload.namespace, workload.name, _api(workload)]) |
	some workload in workloads.pod_specs
	workload.name == link.name
}

_api(workload) := workload.entry.contents.apiVersion if is_string(workload.entry.contents.apiVersion)

else := "no apiVersion"
