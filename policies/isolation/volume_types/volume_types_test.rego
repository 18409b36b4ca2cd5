package riskreg.isolation.volume_types_test

import data.riskreg.isolation.volume_types as control
import data.riskreg.lib.testing

_with(volume) := testing.workload_with("Deployment", [testing.add_at("/spec/template/spec/volumes/1", volume)], [])

test_pass_restricted_volume_types if {
	count(control.deny) == 0 with input as testing.workload_with("Deployment", [], [])
	every volume in [
		{"name": "a", "configMap": {"name": "c"}}, {"name": "b", "secret": {"secretName": "s"}},
		{"name": "c", "projected": {"sources": []}}, {"name": "d", "downwardAPI": {"items": []}},
		{"name": "e", "csi": {"driver": "d"}}, {"name": "f", "ephemeral": {"volumeClaimTemplate": {}}},
		{"name": "g", "persistentVolumeClaim": {"claimName": "c"}},
	] {
		count(control.deny) == 0 with input as _with(volume)
	}
}

test_deny_volume_types_outside_the_restricted_list if {
	every volume in [
		{"name": "a", "nfs": {"server": "s", "path": "/"}},
		{"name": "a", "gitRepo": {"repository": "https://example.com/r.git"}},
		{"name": "a", "flexVolume": {"driver": "d"}},
		{"name": "a", "hostPath": {"path": "/"}},
		{"name": "a", "awsElasticBlockStore": {"volumeID": "v"}},
		{"name": "a", "image": {"reference": "r.io/model:1"}},
	] {
		source := [key | some key, _ in volume; key != "name"][0]
		testing.fires(control.deny, concat("/", ["/spec/template/spec/volumes/1", source])) with input as _with(volume)
	}
}
