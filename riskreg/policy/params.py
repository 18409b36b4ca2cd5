"""The controls' parameters (policies/params.yaml), which OPA serves as data.riskreg_params."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import load_yaml_documents

PARAMS_FILE = "params.yaml"
ROOT = "riskreg_params"


def params_path(policies: Path) -> Path | None:
    """policies/params.yaml when the policies folder has one."""
    path = policies / PARAMS_FILE
    return path if path.is_file() else None


def load_params(policies: Path) -> dict[str, Any]:
    """`{"riskreg_params": {...}}` from the policies folder, or `{}` when it has no params file."""
    path = params_path(policies)
    if path is None:
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{path}: cannot read: {exc}") from None
    documents = load_yaml_documents(text, str(path), Limits())
    value = documents[0][1] if len(documents) == 1 else None
    if not isinstance(value, dict) or set(value) != {ROOT} or not isinstance(value[ROOT], dict):
        raise InvalidInputError(
            f"{path}: expected one document holding only a `{ROOT}:` mapping",
            hint="see policies/params.yaml",
        )
    return {ROOT: value[ROOT]}
