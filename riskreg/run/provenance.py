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


def tool_info(opa_version: str | None, engine: str | None = None) -> ToolInfo:
    """This riskreg and the opa that evaluated (None when nothing was evaluated), and where it
    ran: local, warm (`riskreg serve`) or remote (--opa-url)."""
    from riskreg.models.finding import ToolInfo

    return ToolInfo(version=__version__, opa_version=opa_version, engine=engine)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_inputs(kind: str, paths: Iterable[Path]) -> list[InputFile]:
    """Each file as an input of `kind`, with its digest, in path order."""
    from riskreg.models.finding import InputFile

    return [InputFile(kind=kind, path=str(p), sha256=sha256_of(p)) for p in sorted(paths)]


def register_files(settings: Settings) -> list[Path]:
    """The register files the settings point at: the built-in register's, then the project's."""
    from riskreg.register.store import register_paths
    from riskreg.run.packs import register_folders

    return [path for folder in register_folders(settings) for path in register_paths(folder)]


def provenance(
    settings: Settings, manifests: dict[str, str], context: dict[str, str] | None = None
) -> list[InputFile]:
    """Every file the report rests on: manifests and --context files (path -> sha256), policy
    files, register files."""
    from riskreg.models.finding import InputFile
    from riskreg.run.packs import policy_roots

    inputs = [InputFile(kind="manifest", path=p, sha256=h) for p, h in sorted(manifests.items())]
    inputs += [
        InputFile(kind="context", path=p, sha256=h) for p, h in sorted((context or {}).items())
    ]
    policies: list[Path] = []
    if settings.policies.is_file():
        policies.append(settings.policies)  # a bundle: its digest names every file in it
    else:
        for root in policy_roots(settings):
            policies += [p for p in root.path.rglob("*") if p.is_file() and p.suffix == ".rego"]
            policies += [p for p in (root.path / "params.yaml",) if p.is_file()]
    policies += [settings.params] if settings.params and settings.params.is_file() else []
    inputs += file_inputs("policy", policies)
    inputs += file_inputs("register", register_files(settings))
    return inputs
