# METADATA
# title: Kubernetes helpers
# description: >-
#   NetworkPolicy selection and ServiceAccount look-up, read from the normalised entries of
#   riskreg.lib.input; workloads and containers come from riskreg.lib.workloads, effective RBAC
#   from riskreg.lib.rbac.
package riskreg.lib.k8s

import data.riskreg.lib.input as target
import data.riskreg.lib.workloads as wl

# METADATA
# description: Every pod spec of the target (see riskreg.lib.workloads).
workloads := wl.pod_specs

# METADATA
# description: Every container of every workload (see riskreg.lib.workloads).
containers := wl.containers

# METADATA
# description: The namespace of an object, `default` when it names none.
namespace(obj) := wl.namespace(obj)

# METADATA
# description: True when a Kubernetes label selector (matchLabels, matchExpressions) selects labels.
selector_matches(selector, labels) if wl.selector_matches(selector, labels)

# METADATA
# description: The NetworkPolicy entries of the workload's namespace whose podSelector selects its pods.
network_policies_for(workload) := {entry |
	some entry in target.of_kind("NetworkPolicy")
	namespace(entry.contents) == workload.namespace
	selector_matches(object.get(_object(entry.contents, "spec"), "podSelector", {}), workload.labels)
}

# METADATA
# scope: document
# description: True when a NetworkPolicy restricts egress (policyTypes has Egress, or egress rules are set).
restricts_egress(policy) if "Egress" in _array(_object(policy, "spec"), "policyTypes")

restricts_egress(policy) if {
	spec := _object(policy, "spec")
	not "policyTypes" in object.keys(spec)
	"egress" in object.keys(spec)
}

# METADATA
# description: The indexes of egress rules that allow every destination on every port.
open_egress_rules(policy) := {i |
	some i, rule in _array(_object(policy, "spec"), "egress")
	count(_array(rule, "ports")) == 0
	_open_destination(rule)
}

_open_destination(rule) if count(_array(rule, "to")) == 0

_open_destination(rule) if {
	some peer in _array(rule, "to")
	peer.ipBlock.cidr in {"0.0.0.0/0", "::/0"}
	count(_array(peer.ipBlock, "except")) == 0
}

# METADATA
# description: The ServiceAccount entries a workload runs as (when the target holds them).
service_accounts_for(workload) := {entry |
	some entry in target.of_kind("ServiceAccount")
	_string(_object(entry.contents, "metadata"), "name", "") == workload.service_account
	namespace(entry.contents) == workload.namespace
}

# METADATA
# description: A string field of an object, or the fallback when it is missing or not a string.
_string(obj, key, fallback) := obj[key] if is_string(obj[key])

else := fallback

_object(obj, key) := obj[key] if is_object(obj[key])

else := {}

_array(obj, key) := obj[key] if is_array(obj[key])

else := []
