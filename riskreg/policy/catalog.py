"""The control catalogue, read from each control package's METADATA through `opa inspect -a`."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskreg.errors import EvaluationError, InvalidInputError
from riskreg.models.control import Control
from riskreg.models.pack import PolicyRoot, as_roots
from riskreg.policy.engines.binary import OpaBinary

CONTROL_PREFIX = "data.riskreg."
NOT_CONTROLS = ("data.riskreg.lib.", "data.riskreg_gate")


@dataclass(frozen=True)
class Catalog:
    """Every control of a policies folder, sorted by id, with lookups by id and package."""

    controls: list[Control]

    def by_id(self, control_id: str) -> Control | None:
        return next((control for control in self.controls if control.id == control_id), None)

    def by_package_key(self) -> dict[str, Control]:
        return {control.package_key: control for control in self.controls}

    def mitigation_ids(self) -> set[str]:
        return {mid for control in self.controls for mid in control.mitigates}


def _inspect(binary: OpaBinary, policies: Path) -> dict[str, Any]:
    if not policies.is_dir():
        raise InvalidInputError(
            f"{policies}: policies folder not found", hint="pass --policies DIR"
        )
    try:
        done = subprocess.run(
            [str(binary.path), "inspect", "-a", "-f", "json", str(policies)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise EvaluationError(f"opa inspect could not run: {exc}") from None
    if done.returncode != 0:
        detail = " ".join((done.stderr or done.stdout).split())
        raise InvalidInputError(f"{policies}: policies do not compile: {detail[:400]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _path_text(path: Iterable[dict[str, Any]]) -> str:
    return ".".join(str(part["value"]) for part in path)


def _is_control_namespace(namespace: str) -> bool:
    return (
        namespace.startswith(CONTROL_PREFIX)
        and not namespace.startswith(NOT_CONTROLS)
        and not namespace.endswith("_test")
    )


def _control(annotation: dict[str, Any], root: PolicyRoot) -> Control:
    notes = annotation["annotations"]
    custom = notes.get("custom") or {}
    file = annotation["location"]["file"]
    where = f"{file}:{annotation['location']['row']}"
    try:
        return Control(
            id=custom.get("id"),
            title=notes.get("title"),
            description=notes.get("description"),
            severity=custom.get("severity"),
            version=custom.get("version", 1),
            mitigates=custom.get("mitigates") or [],
            kinds=custom.get("kinds") or [],
            frameworks=custom.get("frameworks") or {},
            related_resources=notes.get("related_resources") or [],
            package=_path_text(annotation["path"]).removeprefix("data."),
            file=_relative(file, root),
        )
    except ValueError as exc:
        first = exc.errors()[0] if hasattr(exc, "errors") else {"loc": (), "msg": str(exc)}
        field = ".".join(str(part) for part in first["loc"])
        raise InvalidInputError(f"{where}: METADATA {field}: {first['msg']}") from None


def _relative(file: str, root: PolicyRoot) -> str:
    try:
        return root.prefix + Path(file).resolve().relative_to(root.path.resolve()).as_posix()
    except ValueError:
        return file


def _root_controls(inspected: dict[str, Any], root: PolicyRoot) -> dict[str, Control]:
    """Namespace -> control of one root; a control package without METADATA is invalid input."""
    controls: dict[str, Control] = {}
    for annotation in inspected.get("annotations") or []:
        namespace = _path_text(annotation["path"])
        if annotation["annotations"].get("scope") == "package" and _is_control_namespace(namespace):
            controls[namespace] = _control(annotation, root)
    for namespace, files in sorted((inspected.get("namespaces") or {}).items()):
        if _is_control_namespace(namespace) and namespace not in controls:
            raise InvalidInputError(
                f"{files[0]}: package {namespace.removeprefix('data.')} has no package METADATA",
                hint="every control needs title, description and custom.id/severity/mitigates/kinds",
            )
    return controls


def load_catalog(binary: OpaBinary, policies: Path | Sequence[PolicyRoot]) -> Catalog:
    """All controls of one folder or of several policy roots (the built-in pack and a project's
    own). A package or control id defined in two roots is invalid input naming both files."""
    roots = as_roots(policies)
    with ThreadPoolExecutor(max_workers=max(1, len(roots))) as pool:
        inspected = list(pool.map(lambda root: _inspect(binary, root.path), roots))
    _reject_shared_packages(roots, inspected)
    controls: dict[str, Control] = {}
    for root, found in zip(roots, inspected, strict=True):
        controls.update(_root_controls(found, root))
    _reject_duplicate_ids(controls.values(), roots)
    return Catalog(controls=sorted(controls.values(), key=lambda control: control.id))


def _reject_shared_packages(roots: list[PolicyRoot], inspected: list[dict[str, Any]]) -> None:
    """OPA would merge a package two roots define (or fail to compile it): refused, naming both."""
    first: dict[str, tuple[PolicyRoot, str]] = {}
    for root, found in zip(roots, inspected, strict=True):
        for namespace, files in sorted((found.get("namespaces") or {}).items()):
            if namespace in first and first[namespace][0] != root:
                other, other_file = first[namespace]
                raise InvalidInputError(
                    f"{files[0]}: package {namespace.removeprefix('data.')} of the {root.label} "
                    f"controls is also defined by the {other.label} controls in {other_file}",
                    hint=_COLLISION_HINT,
                )
            first.setdefault(namespace, (root, files[0]))


_COLLISION_HINT = "rename your package and id, or turn the built-ins off with --no-builtins"


def _reject_duplicate_ids(controls: Iterable[Control], roots: Sequence[PolicyRoot] = ()) -> None:
    seen: dict[str, str] = {}
    for control in controls:
        if control.id in seen:
            raise InvalidInputError(
                f"{_full(control.file, roots)}: control id {control.id} is also used by "
                f"{_full(seen[control.id], roots)}",
                hint=_COLLISION_HINT if len(roots) > 1 else None,
            )
        seen[control.id] = control.file


def _full(file: str, roots: Sequence[PolicyRoot]) -> str:
    """A catalogue file name as a path a user can open (the root a prefixed name belongs to)."""
    if len(roots) < 2:
        return file
    for root in sorted(roots, key=lambda root: len(root.prefix), reverse=True):
        if file.startswith(root.prefix):
            return str(root.path / file.removeprefix(root.prefix))
    return file
