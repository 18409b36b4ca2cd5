"""What ran: the control pack a report rests on, whether its signature verified, and additions."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from riskreg.models.base import Frozen


class PackSource(str, Enum):
    """Where the controls came from."""

    BUNDLE = "bundle"  # a .tar.gz OPA bundle (`riskreg bundle build`)
    FOLDER = "folder"  # a folder of .rego files, which carries no signature
    BUILTIN = "builtin"  # riskreg's built-in pack: signed in a wheel, unsigned in a source checkout


class SignatureStatus(str, Enum):
    """What riskreg established about the pack's signature."""

    VERIFIED = "verified"  # it verified against the configured key (key_id says which)
    UNSIGNED = "unsigned"  # no signature: a folder, or a bundle run with --allow-unsigned
    NOT_VERIFIED = "not-verified"  # signed, but no key was configured (--allow-unsigned)
    FAILED = "failed"  # the built-in pack differs from its signature; run with --allow-unsigned


class PackAddition(Frozen):
    """A team-owned input outside the signed pack that still shapes verdicts, with its digest."""

    kind: str = Field(description="policies (a team's controls folder) | params | register-links")
    path: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class ControlPack(Frozen):
    """The control pack a run evaluated: its identity, its signature, and what was added to it."""

    source: PackSource
    path: str
    revision: str = Field(description="The bundle's .manifest revision, or a folder's digest")
    sha256: str = Field(
        pattern=r"^[0-9a-f]{64}$",
        description="sha256 of the bundle file, or of a folder's policy files and parameters",
    )
    signature: SignatureStatus
    key_id: str | None = Field(
        default=None, description="The verifying public key: sha256: and 16 hex digits"
    )
    algorithm: str | None = Field(default=None, description="RS256 or ES256, when verified")
    problem: str | None = Field(
        default=None, description="Why a signature failed, when --allow-unsigned let it run"
    )
    allow_unsigned: bool = Field(
        default=False, description="--allow-unsigned was given: unsigned input was let run"
    )
    require_signed: bool = Field(
        default=False, description="Additions outside a signed pack were refused unless allowed"
    )
    additions: list[PackAddition] = Field(default_factory=list)

    def one_line(self) -> str:
        """`control pack bundle.tar.gz revision 1a2b…: signature verified (key sha256:…)`."""
        signature = self.signature.value
        if self.key_id:
            signature += f" (key {self.key_id}, {self.algorithm})"
        if self.problem:
            signature += f" ({self.problem})"
        allowed = ", --allow-unsigned" if self.allow_unsigned else ""
        added = f", {len(self.additions)} unsigned additions" if self.additions else ""
        return (
            f"control pack {self.path} ({self.source.value}) revision {self.revision[:12]}, "
            f"sha256 {self.sha256[:12]}: signature {signature}{allowed}{added}"
        )
