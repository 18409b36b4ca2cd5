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


class RiskStatus(str, Enum):
    """A risk's roll-up over the assurance of its mitigations."""

    COVERED = "covered"  # every mitigation verified or attested
    PARTIAL = "partial"  # some, not all
    FAILING = "failing"  # a mitigation's control fails
    UNCOVERED = "uncovered"  # no mitigation verified or attested
