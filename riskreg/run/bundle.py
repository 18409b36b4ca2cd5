"""An OPA bundle of the controls and the register, for fleets of OPA servers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from riskreg.run.engine import load_register, policy_data

if TYPE_CHECKING:
    from riskreg.config import Settings


@dataclass(frozen=True)
class BuiltBundle:
    """The bundle's bytes, its revision (the policy digest) and how many risks it carries."""

    data: bytes
    revision: str
    risks: int


def build_opa_bundle(settings: Settings) -> BuiltBundle:
    """The policies (no tests, no samples), the register and the controls' parameters as data."""
    from riskreg.workflow.bundle import build_bundle

    register = load_register(settings)
    data, revision = build_bundle(
        settings.policies, policy_data(settings, register), int(settings.now.timestamp())
    )
    return BuiltBundle(data, revision, len(register.risks))
