"""--context folders: their documents reach every target's input, under `context`, never as targets."""

from __future__ import annotations

from pathlib import Path

from riskreg.manifests.context import load_context
from riskreg.models.target import Document, Target
from riskreg.policy.evaluate import build_input
from riskreg.yamlsafe.limits import Limits

POLICY = """apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: agents}
spec: {podSelector: {}, policyTypes: [Egress]}
"""


def test_pass_context_documents_are_loaded_with_digests(tmp_path: Path) -> None:
    (tmp_path / "cluster").mkdir()
    (tmp_path / "cluster" / "netpol.yaml").write_text(POLICY, encoding="utf-8")
    context = load_context([str(tmp_path / "cluster")], Limits())
    assert [doc.kind for doc in context.documents] == ["NetworkPolicy"]
    assert len(context.files) == 1


def test_pass_input_carries_context_apart_from_documents() -> None:
    own = Document(path="app/d.yaml", index=0, line=1, contents={"kind": "Deployment"})
    shared = Document(path="cluster/n.yaml", index=0, line=1, contents={"kind": "NetworkPolicy"})
    shaped = build_input(Target(name="app", documents=[own]), 1, (shared,))
    assert [d["contents"]["kind"] for d in shaped["documents"]] == ["Deployment"]
    assert [d["contents"]["kind"] for d in shaped["context"]] == ["NetworkPolicy"]
    assert "context" not in build_input(Target(name="app", documents=[own]), 1)
