"""The one Severity, of controls and of audit findings; no pydantic, so CLI option types load fast."""

from __future__ import annotations

from enum import Enum


class Severity(str, Enum):
    """How bad a failing control or an audit finding is, lowest first; `--fail-on` uses this order."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Severity).index(self)
