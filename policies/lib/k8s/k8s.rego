# METADATA
# title: Kubernetes helpers
# description: >-
#   ServiceAccount look-up, read from the normalised entries of riskreg.lib.input; workloads and
#   containers come from riskreg.lib.workloads, effective egress from riskreg.lib.network,
#   effective RBAC from riskreg.lib.rbac.
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
