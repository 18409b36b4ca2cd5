"""A standard OPA bundle of riskreg's controls and register, for `opa run --server --bundle`.

Layout: `.manifest` (revision = policy digest, roots), every policy `.rego` file at its path
under its policy root (no tests, no samples; a project's own controls next to the built-in pack
under `project/`), the register at
`riskreg_register/data.json`, which OPA serves as `data.riskreg_register`, and the controls'
parameters (policies/params.yaml merged with any override) at `riskreg_params/data.json`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.models.pack import PolicyRoot, as_roots
from riskreg.workflow.archive import write_tar_gz
from riskreg.workflow.digest import policy_digest, policy_files

ROOTS = ("riskreg", "riskreg_gate", "riskreg_register", "riskreg_params")
REGISTER_ROOT = "riskreg_register"
PARAMS_ROOT = "riskreg_params"


def bundle_manifest(policies: Path | Sequence[PolicyRoot], register_version: str) -> dict[str, Any]:
    """The `.manifest`: the revision names the exact policies; roots claim riskreg's namespaces."""
    return {
        "revision": policy_digest(policies),
        "roots": list(ROOTS),
        "metadata": {"riskreg_register_version": register_version},
    }


def bundle_files(policies: Path | Sequence[PolicyRoot], data: dict[str, Any]) -> dict[str, bytes]:
    """Archive path -> content; `data` is `register_data(...)`, keyed by `riskreg_register`.
    Each root's files keep their path in the root behind its prefix (`project/...`)."""
    roots = as_roots(policies)
    for root in roots:
        if not root.path.is_dir():
            raise InvalidInputError(
                f"{root.path}: policies folder not found", hint="pass --policies DIR"
            )
    register = data.get(REGISTER_ROOT)
    if not isinstance(register, dict):
        raise InvalidInputError(f"register data has no {REGISTER_ROOT!r} root")
    files = {
        root.name_of(path): path.read_bytes() for root in roots for path in policy_files(root.path)
    }
    if not files:
        raise InvalidInputError(f"{roots[0].path}: no .rego policies to bundle")
    manifest = bundle_manifest(policies, str(register.get("version", "")))
    files[".manifest"] = _json(manifest)
    files[f"{REGISTER_ROOT}/data.json"] = _json(register)
    files[f"{PARAMS_ROOT}/data.json"] = _json(data.get(PARAMS_ROOT, {}))
    return files


def build_bundle(
    policies: Path | Sequence[PolicyRoot], data: dict[str, Any], mtime: int
) -> tuple[bytes, str]:
    """The bundle's bytes (deterministic for the same inputs and mtime) and its revision."""
    files = bundle_files(policies, data)
    revision = str(json.loads(files[".manifest"])["revision"])
    return write_tar_gz(files, mtime), revision


def _json(value: Any) -> bytes:
    return (json.dumps(value, indent=2, sort_keys=True) + "\n").encode("utf-8")
