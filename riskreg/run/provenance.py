"""What a report rests on: every input, policy and register file with its sha256, and the tools."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from riskreg import __version__

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.finding import InputFile, ToolInfo


def tool_info(opa_version: str | None) -> ToolInfo:
    """This riskreg and the opa that evaluated (None when nothing was evaluated)."""
    from riskreg.models.finding import ToolInfo

    return ToolInfo(version=__version__, opa_version=opa_version)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_inputs(kind: str, paths: Iterable[Path]) -> list[InputFile]:
    """Each file as an input of `kind`, with its digest, in path order."""
    from riskreg.models.finding import InputFile

    return [InputFile(kind=kind, path=str(p), sha256=sha256_of(p)) for p in sorted(paths)]


def register_files(settings: Settings) -> list[Path]:
    """The register files the settings point at."""
    from riskreg.register.store import register_paths

    return register_paths(settings.risks)


def provenance(
    settings: Settings, manifests: dict[str, str], context: dict[str, str] | None = None
) -> list[InputFile]:
    """Every file the report rests on: manifests and --context files (path -> sha256), policy
    files, register files."""
    from riskreg.models.finding import InputFile

    inputs = [InputFile(kind="manifest", path=p, sha256=h) for p, h in sorted(manifests.items())]
    inputs += [
        InputFile(kind="context", path=p, sha256=h) for p, h in sorted((context or {}).items())
    ]
    policies = [p for p in settings.policies.rglob("*") if p.is_file() and p.suffix == ".rego"]
    policies += [
        p for p in (settings.policies / "params.yaml", settings.params) if p and p.is_file()
    ]
    inputs += file_inputs("policy", policies)
    inputs += file_inputs("register", register_files(settings))
    return inputs
