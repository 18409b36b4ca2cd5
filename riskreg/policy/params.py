"""The controls' parameters: policies/params.yaml merged with a team's override, sent to OPA as data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import load_yaml_documents

PARAMS_FILE = "params.yaml"
PARAMS_ROOT = "riskreg_params"


def _read(path: Path, limits: Limits) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{path}: cannot read the control parameters: {exc}") from None
    documents = load_yaml_documents(text, str(path), limits)
    values = documents[0][1] if len(documents) == 1 else None
    if not isinstance(values, dict) or not isinstance(values.get(PARAMS_ROOT), dict):
        raise InvalidInputError(
            f"{path}: expected one YAML document with a top-level {PARAMS_ROOT!r} mapping",
            hint="see policies/params.yaml for the shape",
        )
    return dict(values[PARAMS_ROOT])


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` over `base`: mappings merge key by key; lists and scalars replace."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_params(
    policies: Path | Sequence[Path], override: Path | None = None, limits: Limits | None = None
) -> dict[str, Any]:
    """`data.riskreg_params`: the defaults of each policy root (absent file: none), then the
    team's override.

    A project's params.yaml may add parameters for its own controls but not restate a built-in
    one (that is what the override is for). A key of the override that the defaults do not have
    is refused, so a typo cannot silently leave a default in force.
    """
    limits = limits or Limits()
    params: dict[str, Any] = {}
    owners: dict[tuple[str, ...], str] = {}
    for folder in [policies] if isinstance(policies, Path) else policies:
        defaults_file = folder / PARAMS_FILE
        if defaults_file.is_file():
            params = _add_disjoint(params, _read(defaults_file, limits), str(defaults_file), owners)
    if override is not None:
        extra = _read(override, limits)
        _reject_unknown(extra, params, str(override), [])
        params = merge(params, extra)
    return params


def _add_disjoint(
    base: dict[str, Any],
    extra: dict[str, Any],
    where: str,
    owners: dict[tuple[str, ...], str],
    path: tuple[str, ...] = (),
) -> dict[str, Any]:
    """`extra` added to `base`; mappings merge, and a value both files set is invalid input."""
    merged = dict(base)
    for key, value in extra.items():
        at = (*path, str(key))
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _add_disjoint(merged[key], value, where, owners, at)
        elif key in merged:
            raise InvalidInputError(
                f"{where}: {PARAMS_ROOT}.{'.'.join(at)} is also set by {_owner(owners, at)}",
                hint="change a built-in parameter with `params = FILE` in [tool.riskreg]",
            )
        else:
            merged[key] = value
        owners.setdefault(at, where)
    return merged


def _owner(owners: dict[tuple[str, ...], str], at: tuple[str, ...]) -> str:
    """The file that first set `at` or the mapping holding it."""
    return next(owners[at[:n]] for n in range(len(at), 0, -1) if at[:n] in owners)


def _reject_unknown(
    extra: dict[str, Any], known: dict[str, Any], where: str, path: list[str]
) -> None:
    for key, value in extra.items():
        if key not in known:
            dotted = ".".join([*path, str(key)])
            raise InvalidInputError(
                f"{where}: {PARAMS_ROOT}.{dotted}: unknown parameter",
                hint="every parameter and its default is listed in policies/params.yaml",
            )
        if isinstance(value, dict) and isinstance(known[key], dict) and known[key]:
            _reject_unknown(value, known[key], where, [*path, str(key)])
