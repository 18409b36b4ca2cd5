"""What can fail `riskreg check`; no pydantic, so CLI option types load fast."""

from __future__ import annotations

from enum import Enum


class Gate(str, Enum):
    """Control findings at or above `--fail-on`, and residual risk above a system's appetite."""

    CONTROLS = "controls"
    RESIDUAL = "residual"
