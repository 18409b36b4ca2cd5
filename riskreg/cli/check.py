"""`riskreg check`: the CI gate (placeholder until the check issue lands)."""

from __future__ import annotations


def check() -> None:
    """Evaluate manifests against the controls."""
