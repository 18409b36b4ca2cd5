"""The policy roots and register folders of a run: the built-ins, then the project's own, which add to them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from riskreg.errors import InvalidInputError, UsageError
from riskreg.models.pack import PROJECT_PREFIX, PolicyRoot
from riskreg.resources import builtin_folder

if TYPE_CHECKING:
    from riskreg.config import Settings

NO_PACK_HINT = "reinstall riskreg, or run with --no-builtins and your own --policies"


def _same(left: Path, right: Path) -> bool:
    return left.resolve() == right.resolve()


def builtin_policies(settings: Settings) -> Path | None:
    """The built-in control pack, or None when the built-ins are off."""
    if not settings.builtins:
        return None
    folder = builtin_folder("policies")
    if folder is None:
        raise InvalidInputError(
            "the built-in controls are missing from this install", hint=NO_PACK_HINT
        )
    return folder


def policy_roots(settings: Settings) -> list[PolicyRoot]:
    """The built-in pack (unless --no-builtins), then the project's policies folder when it
    exists; a folder that was named must exist, and a run without any controls is a usage error."""
    pack = builtin_policies(settings)
    roots = [PolicyRoot(path=pack, builtin=True)] if pack is not None else []
    project = settings.policies
    if not project.is_dir():
        if settings.policies_configured:
            raise InvalidInputError(
                f"{project}: policies folder not found", hint="pass --policies DIR"
            )
        if not roots:
            raise UsageError(
                f"no controls to run: the built-ins are off (--no-builtins, RISKREG_BUILTINS or "
                f"[tool.riskreg] builtins) and there is no {project} folder",
                hint="add your controls there, pass --policies DIR, or leave the built-ins on",
            )
    elif pack is None or not _same(project, pack):  # in a riskreg checkout they are one folder
        roots.append(PolicyRoot(path=project, prefix=PROJECT_PREFIX if roots else ""))
    return roots


def register_folders(settings: Settings) -> list[Path]:
    """The built-in register (unless --no-builtins), then the project's register folder; the
    project's risks add to the built-in ones (see riskreg.register.layers)."""
    folders: list[Path] = []
    if settings.builtins:
        pack = builtin_folder("risks")
        if pack is None:
            raise InvalidInputError(
                "the built-in register is missing from this install", hint=NO_PACK_HINT
            )
        folders.append(pack)
    if not folders or not _same(settings.risks, folders[0]):
        folders.append(settings.risks)
    return folders
