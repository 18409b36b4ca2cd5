"""Input limits: what a manifest may cost before riskreg refuses it instead of running out of memory."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Caps applied to every manifest file; defaults suit real Kubernetes and AIDeployment files."""

    max_file_size: int = 8 * 1024 * 1024
    max_nodes: int = 250_000
    max_depth: int = 200
    follow_symlinks: bool = False
