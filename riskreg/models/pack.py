"""A policy root: one folder of Rego controls (the built-in pack or a project's own) and how its files are named."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import Field

from riskreg.models.base import Frozen

PROJECT_PREFIX = "project/"


class PolicyRoot(Frozen):
    """A folder OPA loads controls from, and the prefix its files carry in the catalogue, digests,
    bundles and evidence, so two roots never name a file the same."""

    path: Path
    prefix: str = Field(default="", description='"" or "project/" (a project next to built-ins)')
    builtin: bool = False

    def name_of(self, file: Path) -> str:
        """The file's name across roots: the prefix and its path inside the root."""
        return self.prefix + file.relative_to(self.path).as_posix()

    @property
    def label(self) -> str:
        return "built-in" if self.builtin else "project"


def as_roots(policies: Path | Sequence[PolicyRoot]) -> list[PolicyRoot]:
    """One folder (the single-folder callers) or the roots of a run, as roots."""
    return [PolicyRoot(path=policies)] if isinstance(policies, Path) else list(policies)
