"""Severity of a control, in its own module with no pydantic, so CLI option types load fast."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    """How bad a failing control is; `--fail-on` compares against this order."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)
