"""Signed evidence bundles: files, a MANIFEST of sha256 sums, and its detached Ed25519 signature.

`verify_bundle` needs only the archive and the public key (no network, no opa), and raises
InvalidInputError (exit 3) with one line naming what is wrong: the key, or which files changed,
appeared or disappeared since signing.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from riskreg.errors import InvalidInputError
from riskreg.workflow.archive import read_tar_gz, write_tar_gz
from riskreg.workflow.digest import sha256_bytes

MANIFEST = "MANIFEST"
SIGNATURE = "MANIFEST.sig"
_SHOWN = 3


def generate_keypair() -> tuple[bytes, bytes]:
    """A new Ed25519 key pair as (private PKCS#8 PEM, public SubjectPublicKeyInfo PEM)."""
    key = Ed25519PrivateKey.generate()
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return private, public_pem(key)


def public_pem(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_private_key(pem: bytes, where: str) -> Ed25519PrivateKey:
    """An unencrypted Ed25519 private key from PEM; anything else is invalid input."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, binascii.Error):
        raise InvalidInputError(f"{where}: not an unencrypted PEM private key") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise InvalidInputError(f"{where}: not an Ed25519 key")
    return key


def load_public_key(pem: bytes, where: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, TypeError, binascii.Error):
        raise InvalidInputError(f"{where}: not a PEM public key") from None
    if not isinstance(key, Ed25519PublicKey):
        raise InvalidInputError(f"{where}: not an Ed25519 public key")
    return key


def manifest_text(files: dict[str, bytes]) -> bytes:
    """`sha256  path` per file, sorted by path (the format `sha256sum -c` reads)."""
    lines = [f"{sha256_bytes(files[name])}  {name}\n" for name in sorted(files)]
    return "".join(lines).encode("utf-8")


def pack_evidence(files: dict[str, bytes], key: Ed25519PrivateKey, mtime: int) -> bytes:
    """The signed archive: `files`, their MANIFEST and MANIFEST.sig (base64 Ed25519 signature)."""
    reserved = {MANIFEST, SIGNATURE} & set(files)
    if reserved:
        raise InvalidInputError(f"evidence file name {sorted(reserved)[0]!r} is reserved")
    manifest = manifest_text(files)
    signature = base64.b64encode(key.sign(manifest)) + b"\n"
    return write_tar_gz({**files, MANIFEST: manifest, SIGNATURE: signature}, mtime)


def parse_manifest(text: bytes, where: str) -> dict[str, str]:
    entries: dict[str, str] = {}
    for number, line in enumerate(text.decode("utf-8", errors="replace").splitlines(), 1):
        digest, sep, name = line.partition("  ")
        if not sep or len(digest) != 64 or not name:
            raise InvalidInputError(f"{where}: {MANIFEST} line {number} is malformed")
        entries[name] = digest
    return entries


def verify_bundle(data: bytes, key: Ed25519PublicKey, where: str) -> dict[str, str]:
    """The verified MANIFEST entries; raises InvalidInputError on a bad signature or any drift."""
    files = read_tar_gz(data, where)
    if MANIFEST not in files or SIGNATURE not in files:
        raise InvalidInputError(f"{where}: not an evidence bundle (no {MANIFEST} or {SIGNATURE})")
    try:
        key.verify(base64.b64decode(files.pop(SIGNATURE).strip(), validate=True), files[MANIFEST])
    except (InvalidSignature, binascii.Error, ValueError):
        raise InvalidInputError(
            f"{where}: signature does not verify: signed with another key, or {MANIFEST} altered"
        ) from None
    entries = parse_manifest(files.pop(MANIFEST), where)
    _check_files(files, entries, where)
    return entries


def _check_files(files: dict[str, bytes], entries: dict[str, str], where: str) -> None:
    changed = sorted(n for n in entries if n in files and sha256_bytes(files[n]) != entries[n])
    added = sorted(set(files) - set(entries))
    removed = sorted(set(entries) - set(files))
    problems = [
        f"{label} {_names(names)}"
        for label, names in (("changed", changed), ("added", added), ("removed", removed))
        if names
    ]
    if problems:
        raise InvalidInputError(
            f"{where}: bundle does not match its signed MANIFEST: " + "; ".join(problems)
        )


def _names(names: list[str]) -> str:
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return ", ".join(names[:_SHOWN]) + more
