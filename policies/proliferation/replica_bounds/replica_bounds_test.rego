package riskreg.proliferation.replica_bounds_test

import data.riskreg.lib.testing
import data.riskreg.proliferation.replica_bounds as control

_with(operations, extra) := testing.workload_with("Deployment", operations, extra)

_hpa(most) := {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "browsing-agent", "namespace": "agents"},
	"spec": {
		"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "browsing-agent"},
		"maxReplicas": most,
	},
}

test_pass_two_replicas if {
	count(control.deny) == 0 with input as _with([], [])
	count(control.checked) == 1 with input as _with([], [])
}

test_pass_bounded_autoscaler if {
	count(control.deny) == 0 with input as _with([], [_hpa(6)])
	count(control.checked) == 2 with input as _with([], [_hpa(6)])
}

test_deny_replicas_above_the_ceiling if {
	testing.fires(control.deny, "/spec/replicas") with input as _with([testing.replace_at("/spec/replicas", 50)], [])
}

test_deny_autoscaler_above_the_ceiling if {
	testing.fires(control.deny, "/spec/maxReplicas") with input as _with([], [_hpa(200)])
}

test_deny_keda_default_max if {
	keda := {
		"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": {"name": "k", "namespace": "agents"},
		"spec": {"scaleTargetRef": {"name": "browsing-agent"}},
	}
	testing.fires(control.deny, "/spec/maxReplicaCount") with input as _with([], [keda])
}

test_deny_context_autoscaler_reported_on_the_workload if {
	shaped := object.union(_with([], []), {"context": [{"path": "cluster/hpa.yaml", "contents": _hpa(100)}]})
	testing.fires(control.deny, "/spec/replicas") with input as shaped
}

test_deny_daemonset if {
	daemonset := {
		"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "d", "namespace": "agents"},
		"spec": {"template": testing.kubernetes[1].spec.template},
	}
	testing.fires(control.deny, "/kind") with input as testing.target([daemonset, testing.runtime_class])
}

test_deny_templated_replicas_undetermined if {
	findings := control.deny with input as _with([testing.replace_at("/spec/replicas", "{{ .Values.replicas }}")], [])
	testing.fires(findings, "/spec/replicas")
	every finding in findings {
		finding.undetermined
	}
}
