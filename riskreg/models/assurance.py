"""How well a mitigation is assured on a system: the four states coverage, gates and residual risk use."""

from __future__ import annotations

from enum import Enum


class Assurance(str, Enum):
    """From strongest evidence to none; only `verified` rests on configuration OPA evaluated."""

    VERIFIED = "verified"  # a control passed on real configuration on every target it applies to
    ATTESTED = (
        "attested"  # only self-declared fields passed, or a person attested it in the register
    )
    FAILING = "failing"  # a control fails (or could not be evaluated) somewhere in scope
    GAP = "gap"  # nothing evaluated or attested

    @property
    def rank(self) -> int:
        """Order for sorting worst first: failing, gap, attested, verified."""
        return (Assurance.FAILING, Assurance.GAP, Assurance.ATTESTED, Assurance.VERIFIED).index(
            self
        )
