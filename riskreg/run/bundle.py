"""An OPA bundle of the controls and the register, for fleets of OPA servers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
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
    key_id: str | None = None  # the signing key's public half, when signed


def build_opa_bundle(settings: Settings, signing_key: Path | None = None) -> BuiltBundle:
    """The policies (no tests, no samples), the register and the controls' parameters as data;
    signed in OPA's format (`.signatures.json`) when a PEM private key is given."""
    from riskreg.run.packs import policy_roots
    from riskreg.workflow.bundle import build_bundle

    register = load_register(settings)
    mtime = int(settings.now.timestamp())
    data, revision = build_bundle(policy_roots(settings), policy_data(settings, register), mtime)
    if signing_key is None:
        return BuiltBundle(data, revision, len(register.risks))
    from riskreg.workflow.signing import key_id, load_private_key, sign_bundle

    key = load_private_key(signing_key)
    signed = sign_bundle(data, key, mtime)
    return BuiltBundle(signed, revision, len(register.risks), key_id(key.public_key()))
