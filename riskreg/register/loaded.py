"""One register file as read, shared by `store` (which reads it) and `lint` (which checks it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from riskreg.models.risk import RegisterFile
from riskreg.register.yamlio import YamlDocument


@dataclass(frozen=True)
class LoadedFile:
    """One register file as read: where it is, its validated content and its YAML nodes."""

    path: Path
    content: RegisterFile
    document: YamlDocument
