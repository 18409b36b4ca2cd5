"""Evaluation targets: the documents of one file or folder, as OPA will see them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Document:
    """One object of a target as OPA sees it, plus where it came from."""

    path: str
    index: int
    line: int
    contents: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.contents.get("kind", ""))

    def as_entry(self) -> dict[str, Any]:
        return {"path": self.path, "index": self.index, "contents": self.contents}


@dataclass(frozen=True)
class Target:
    """A file or folder whose documents are evaluated together, with their sha256 for provenance."""

    name: str
    documents: list[Document]
    files: dict[str, str] = field(default_factory=dict)
    # The AIDeployments as `namespace/name`, kept when the documents are dropped after evaluation.
    deployments: tuple[str, ...] = ()

    @cached_property
    def kinds(self) -> frozenset[str]:
        return frozenset(document.kind for document in self.documents)

    def deployment_refs(self) -> tuple[str, ...]:
        """The AIDeployments among the documents, as `namespace/name` (namespace `default` when
        unset), sorted; by these an AI system claims the target."""
        found = set(self.deployments)
        for document in self.documents:
            metadata = document.contents.get("metadata")
            if document.kind != "AIDeployment" or not isinstance(metadata, dict):
                continue
            name, namespace = metadata.get("name"), metadata.get("namespace") or "default"
            if isinstance(name, str) and isinstance(namespace, str):
                found.add(f"{namespace}/{name}")
        return tuple(sorted(found))
