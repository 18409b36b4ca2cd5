# METADATA
# title: Test fixtures
# description: >-
#   Compliant documents and input builders shared by the controls' tests. The documents
#   are the ones the compliant samples hold (browsing-agent in namespace agents).
package riskreg.lib.testing

import data.riskreg.lib.result

# METADATA
# description: A compliant AIDeployment.
aideployment := {
	"apiVersion": "riskreg/v1",
	"kind": "AIDeployment",
	"metadata": {
		"name": "browsing-agent",
		"namespace": "agents",
		"labels": {"app.kubernetes.io/name": "browsing-agent"},
	},
	"spec": {
		"description": "Research assistant that searches and reads public web pages for signed-in users.",
		"owner": "team-research-tools",
		"workload": {
			"kind": "Deployment",
			"name": "browsing-agent",
			"serviceAccountName": "browsing-agent",
		},
		"identity": {
			"serviceAccount": "browsing-agent",
			"inheritCallerPermissions": true,
			"scopes": {
				"network": ["egress:search.example.com:443", "egress:fetch-proxy.agents.svc:8080"],
				"filesystem": [{"path": "/tmp/agent", "access": "readwrite"}],
				"api": ["search:query", "fetch:get"],
			},
		},
		"egress": {
			"defaultPolicy": "deny",
			"allowlist": [
				{"domain": "search.example.com", "ports": [443], "protocols": ["HTTPS"]},
				{"cidr": "10.20.0.0/24", "ports": [8080], "protocols": ["HTTP"]},
			],
			"logBlocked": true,
		},
		"monitoring": {
			"enabled": true,
			"baseline": {"signals": ["process", "api", "network"], "established": "2026-10-01"},
			"anomalyDetection": {"enabled": true, "engine": "falco"},
			"containment": {"action": "quarantine", "automated": true},
		},
		"gating": {
			"rateLimits": [
				{"scope": "user", "requestsPerMinute": 30, "tokensPerMinute": 20000},
				{"scope": "tier", "tier": "verified", "requestsPerMinute": 120},
			],
			"trustTiers": [
				{"name": "signed-in", "capabilities": ["search"]},
				{
					"name": "verified",
					"requiresIdentityVerification": true,
					"highImpact": true,
					"capabilities": ["browse", "form-fill"],
				},
			],
			"refusalPolicy": {
				"enabled": true,
				"contextAware": true,
				"categories": ["weapons", "malware", "credential-theft"],
			},
		},
		"filtering": {
			"safetyAlignment": ["rlhf", "constitutional"],
			"input": {
				"enabled": true,
				"classifiers": ["prompt-injection", "jailbreak"],
				"action": "block",
			},
			"output": {"enabled": true, "classifiers": ["harmful-content", "pii"], "action": "block"},
		},
		"access": {
			"authentication": ["oidc", "mfa"],
			"roles": [
				{"name": "user", "permissions": ["agent:use"]},
				{"name": "operator", "permissions": ["agent:use", "agent:configure"]},
			],
			"auditLogging": {"enabled": true, "retentionDays": 365, "destination": "siem.example.com"},
			"misuseMonitoring": {
				"enabled": true,
				"realtime": true,
				"signals": ["prompt-injection", "high-volume", "sensitive-domain"],
			},
		},
		"proliferation": {
			"maySpawnProcesses": false,
			"maySpawnAgents": false,
			"mayModifyOwnCode": false,
			"mayModifyOwnWeights": false,
			"mayAcquireCompute": false,
			"mayAcquireCredentials": false,
		},
		"isolation": {"sandbox": "gvisor", "hostAccess": false, "criticalInfrastructureAccess": false},
		"audits": [
			{
				"kind": "red-team",
				"date": "2026-09-15",
				"phase": "pre-deployment",
				"external": true,
				"scope": ["self-replication", "shutdown-evasion"],
				"suite": "RepliBench",
				"findings": [{
					"id": "RT-12",
					"title": "Agent retried a blocked domain through a redirect",
					"severity": "medium",
					"status": "resolved",
				}],
			},
			{
				"kind": "security-audit",
				"date": "2026-11-02",
				"phase": "in-deployment",
				"external": true,
				"scope": ["security", "misuse", "self-replication"],
				"suite": "RepliBench",
				"findings": [],
			},
		],
	},
}

# METADATA
# description: Compliant Kubernetes documents - ServiceAccount, Deployment, NetworkPolicy, Role, RoleBinding.
kubernetes := [
	{
		"apiVersion": "v1",
		"kind": "ServiceAccount",
		"metadata": {"name": "browsing-agent", "namespace": "agents"},
		"automountServiceAccountToken": false,
	},
	{
		"apiVersion": "apps/v1",
		"kind": "Deployment",
		"metadata": {
			"name": "browsing-agent",
			"namespace": "agents",
			"labels": {"app.kubernetes.io/name": "browsing-agent"},
		},
		"spec": {
			"replicas": 2,
			"selector": {"matchLabels": {"app.kubernetes.io/name": "browsing-agent"}},
			"template": {
				"metadata": {"labels": {
					"app.kubernetes.io/name": "browsing-agent",
					"riskreg.dev/egress": "restricted",
				}},
				"spec": {
					"serviceAccountName": "browsing-agent",
					"automountServiceAccountToken": false,
					"runtimeClassName": "gvisor",
					"securityContext": {
						"runAsNonRoot": true,
						"runAsUser": 10001,
						"seccompProfile": {"type": "RuntimeDefault"},
					},
					"containers": [{
						"name": "agent",
						"image": "registry.example.com/agents/browsing-agent@sha256:3f1c9a7e5b2d4c6f8a0e1b3d5c7f9a2e4b6d8c0a1e3f5b7d9c2a4e6f8b0d1c3e",
						"ports": [{"containerPort": 8080, "name": "http"}],
						"resources": {
							"requests": {"cpu": "500m", "memory": "1Gi"},
							"limits": {"cpu": "2", "memory": "4Gi"},
						},
						"securityContext": {
							"readOnlyRootFilesystem": true,
							"allowPrivilegeEscalation": false,
							"privileged": false,
							"capabilities": {"drop": ["ALL"]},
						},
						"volumeMounts": [{"name": "scratch", "mountPath": "/tmp/agent"}],
					}],
					"volumes": [{"name": "scratch", "emptyDir": {"sizeLimit": "1Gi"}}],
				},
			},
		},
	},
	{
		"apiVersion": "networking.k8s.io/v1",
		"kind": "NetworkPolicy",
		"metadata": {"name": "browsing-agent-egress", "namespace": "agents"},
		"spec": {
			"podSelector": {
				"matchLabels": {"app.kubernetes.io/name": "browsing-agent"},
				"matchExpressions": [{"key": "riskreg.dev/egress", "operator": "In", "values": ["restricted"]}],
			},
			"policyTypes": ["Ingress", "Egress"],
			"ingress": [{
				"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "gateway"}}}],
				"ports": [{"port": 8080, "protocol": "TCP"}],
			}],
			"egress": [
				{
					"to": [{"ipBlock": {"cidr": "10.20.0.0/24"}}],
					"ports": [{"port": 8080, "protocol": "TCP"}],
				},
				{
					"to": [{
						"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
						"podSelector": {"matchLabels": {"k8s-app": "kube-dns"}},
					}],
					"ports": [{"port": 53, "protocol": "UDP"}, {"port": 53, "protocol": "TCP"}],
				},
			],
		},
	},
	{
		"apiVersion": "rbac.authorization.k8s.io/v1",
		"kind": "Role",
		"metadata": {"name": "browsing-agent-config-reader", "namespace": "agents"},
		"rules": [{
			"apiGroups": [""],
			"resources": ["configmaps"],
			"resourceNames": ["browsing-agent-config"],
			"verbs": ["get"],
		}],
	},
	{
		"apiVersion": "rbac.authorization.k8s.io/v1",
		"kind": "RoleBinding",
		"metadata": {"name": "browsing-agent-config-reader", "namespace": "agents"},
		"subjects": [{"kind": "ServiceAccount", "name": "browsing-agent", "namespace": "agents"}],
		"roleRef": {
			"apiGroup": "rbac.authorization.k8s.io",
			"kind": "Role",
			"name": "browsing-agent-config-reader",
		},
	},
]

# METADATA
# description: The evaluation time tests pin (2026-11-18).
now_ns := 1795000000000000000

# METADATA
# description: The riskreg input document for a target holding documents.
target(documents) := {
	"riskreg": {"schema": 2, "now_ns": now_ns},
	"target": "tests/target",
	"documents": [{"path": "tests/target/manifests.yaml", "index": i, "contents": doc} | some i, doc in documents],
}

# METADATA
# description: A target holding the compliant AIDeployment changed by JSON patch operations.
aideployment_with(operations) := target([json.patch(aideployment, operations)])

# METADATA
# description: A target holding the compliant Kubernetes documents, those of one kind patched.
kubernetes_with(kind, operations) := target([_patched(doc, kind, operations) | some doc in kubernetes])

_patched(doc, kind, operations) := json.patch(doc, operations) if doc.kind == kind

else := doc

# METADATA
# description: True when one of the findings points at path, a JSON Pointer ("/spec/x/0").
fires(findings, path) if {
	some finding in findings
	result.pointer(finding.path) == path
}

# METADATA
# description: A JSON patch replace operation.
replace_at(path, value) := {"op": "replace", "path": path, "value": value}

# METADATA
# description: A JSON patch add operation.
add_at(path, value) := {"op": "add", "path": path, "value": value}

# METADATA
# description: A JSON patch remove operation.
remove_at(path) := {"op": "remove", "path": path}

# METADATA
# description: The RuntimeClass the compliant Deployment names (gvisor, run by gVisor's runsc handler).
runtime_class := {
	"apiVersion": "node.k8s.io/v1",
	"kind": "RuntimeClass",
	"metadata": {"name": "gvisor"},
	"handler": "runsc",
}

# METADATA
# description: >-
#   A target holding the compliant Kubernetes documents and their RuntimeClass, those of one kind
#   patched by JSON patch operations, and extra documents.
workload_with(kind, operations, extra) := target(array.concat(
	[_patched(doc, kind, operations) | some doc in kubernetes],
	array.concat([runtime_class], extra),
))
