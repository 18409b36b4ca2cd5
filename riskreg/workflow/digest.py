"""Which files make up the policies, and the digests that identify a policy set and any file."""

from __future__ import annotations

import hashlib
from pathlib import Path

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


def policy_digest(folder: Path) -> str:
    """sha256 over every policy input's relative path and content: the bundle's revision."""
    digest = hashlib.sha256()
    for path in policy_inputs(folder):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        digest.update(sha256_file(path).encode("ascii") + b"\n")
    return digest.hexdigest()
