"""Context: cluster- and namespace-wide objects kept in other folders, looked up but never judged.

A real repository keeps NetworkPolicies, RBAC, RuntimeClasses and Namespace labels apart from the
workloads they govern; `--context PATH` adds them to every target's view, so controls can compute
effective egress and permissions. Context documents are read with the same limits and
validation as targets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from riskreg.manifests.discover import discover
from riskreg.models.target import Document
from riskreg.yamlsafe.limits import Limits


@dataclass(frozen=True)
class Context:
    """The documents of every context path, and their files' sha256 for the report's inputs."""

    documents: tuple[Document, ...] = ()
    files: dict[str, str] = field(default_factory=dict)


def load_context(paths: list[str], limits: Limits) -> Context:
    """Every document under the context paths (files, folders, globs), in a stable order."""
    documents: list[Document] = []
    files: dict[str, str] = {}
    for target in discover(paths, limits):
        documents.extend(target.documents)
        files.update(target.files)
    return Context(documents=tuple(documents), files=files)
