"""Which files make up the policies, and the digests that identify a policy set and any file."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from riskreg.models.pack import PolicyRoot, as_roots

POLICY_SUFFIX = ".rego"
PARAMS_FILE = "params.yaml"  # the controls' parameters, read by riskreg.policy.params


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def policy_files(folder: Path) -> list[Path]:
    """The .rego files OPA evaluates: no `_test.rego`, nothing under a `samples` folder, sorted."""
    found = []
    for path in folder.rglob(f"*{POLICY_SUFFIX}"):
        relative = path.relative_to(folder)
        if path.name.endswith(f"_test{POLICY_SUFFIX}") or "samples" in relative.parts[:-1]:
            continue
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def policy_inputs(folder: Path) -> list[Path]:
    """Everything that decides verdicts: the .rego files and the controls' parameters file."""
    params = folder / PARAMS_FILE
    return [*policy_files(folder), *([params] if params.is_file() else [])]


def named_policy_inputs(policies: Path | Sequence[PolicyRoot]) -> list[tuple[str, Path]]:
    """Every policy input of every root with its name across roots (`PolicyRoot.name_of`)."""
    return [
        (root.name_of(path), path)
        for root in as_roots(policies)
        for path in policy_inputs(root.path)
    ]


def policy_digest(policies: Path | Sequence[PolicyRoot]) -> str:
    """sha256 over every policy input's name and content, over all roots: the bundle's revision.
    One folder (or the built-in pack alone) digests as it always did: names relative to it."""
    digest = hashlib.sha256()
    for name, path in named_policy_inputs(policies):
        digest.update(name.encode("utf-8") + b"\0")
        digest.update(sha256_file(path).encode("ascii") + b"\n")
    return digest.hexdigest()
