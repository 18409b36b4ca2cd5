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

    @cached_property
    def kinds(self) -> frozenset[str]:
        return frozenset(document.kind for document in self.documents)
