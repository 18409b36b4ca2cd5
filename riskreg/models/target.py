"""Evaluation targets: the documents of one file or folder, as OPA will see them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol

from riskreg.models.pointer import Segment

KUBERNETES = "kubernetes"
MCP = "mcp"
# MCP files have no `kind`; this is the kind riskreg gives them, so controls can name what they
# read (METADATA `kinds`) and a target without one is "not applicable" to MCP controls.
MCP_KIND = "MCPConfiguration"


class Locator(Protocol):
    """Where the parts of one parsed document are in its file (built by the loader, lazily)."""

    def find(self, path: Sequence[Segment]) -> tuple[int, int] | None:
        """1-based (line, column) of the key naming `path` (of the item, for a list index);
        the document's start for `[]`; None when the document has no such part."""


@dataclass(frozen=True)
class Document:
    """One object of a target as OPA sees it, plus where it came from."""

    path: str
    index: int
    line: int
    contents: dict[str, Any]
    format: str = KUBERNETES
    locator: Locator | None = field(default=None, compare=False, repr=False)

    @property
    def kind(self) -> str:
        if self.format == MCP:
            return MCP_KIND
        return str(self.contents.get("kind", ""))

    def as_entry(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "index": self.index,
            "contents": self.contents,
            "format": self.format,
        }

    def locate(self, path: Sequence[Segment]) -> tuple[int, int]:
        """(line, column) of `path`: the key of its deepest existing segment (a list item's own
        position for an index), so a missing field resolves to the object that lacks it, and a
        document lacking even the first segment to the document's first line."""
        if self.locator is not None:
            for end in range(len(path), -1, -1):
                found = self.locator.find(path[:end])
                if found is not None:
                    return found
        return self.line, 1


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
