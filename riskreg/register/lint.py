"""Referential integrity of the register, beyond what one file's schema can say."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from riskreg.register.catalogue import CATALOGUE_FILE, read_catalogue
from riskreg.register.loaded import LoadedFile
from riskreg.register.yamlio import Problem


def check_files(folder: Path, files: list[LoadedFile]) -> list[Problem]:
    """Duplicate risk ids across files, foreign mitigation ids, dangling catalogue links."""
    return _duplicates(files) + _ownership(files) + _catalogue_links(folder, files)


def _duplicates(files: list[LoadedFile]) -> list[Problem]:
    first_seen: dict[str, str] = {}
    problems: list[Problem] = []
    for loaded in files:
        for index, risk in enumerate(loaded.content.risks):
            where = f"{loaded.path}:{loaded.document.line_of(('risks', index, 'id'))}"
            if risk.id in first_seen:
                problems.append(
                    _at(
                        loaded,
                        ("risks", index, "id"),
                        f"duplicate risk id {risk.id!r}, first at {first_seen[risk.id]}",
                    )
                )
            else:
                first_seen[risk.id] = where
    return problems


def _ownership(files: list[LoadedFile]) -> list[Problem]:
    """The model checks this per risk; kept here too so a lint never depends on model internals."""
    problems: list[Problem] = []
    for loaded in files:
        for index, risk in enumerate(loaded.content.risks):
            for number, mitigation in enumerate(risk.mitigations):
                if mitigation.id.rsplit(".", 1)[0] != risk.id:
                    loc = ("risks", index, "mitigations", number, "id")
                    message = f"mitigation {mitigation.id} does not belong to risk {risk.id}"
                    problems.append(_at(loaded, loc, message))
    return problems


def _catalogue_links(folder: Path, files: list[LoadedFile]) -> list[Problem]:
    links = [
        (loaded, ("risks", i, "mitigations", j, "catalogue_ids", k), action_id)
        for loaded in files
        for i, risk in enumerate(loaded.content.risks)
        for j, mitigation in enumerate(risk.mitigations)
        for k, action_id in enumerate(mitigation.catalogue_ids)
    ]
    if not links:
        return []
    catalogue, problems = read_catalogue(folder / CATALOGUE_FILE)
    known = {action.id for action in catalogue.actions} if catalogue else set()
    for loaded, loc, action_id in links:
        if action_id not in known:
            message = f"{action_id!r} is not in {CATALOGUE_FILE} (riskreg mitigations import)"
            problems.append(_at(loaded, loc, message))
    return problems


def check_control_links(
    files: list[LoadedFile],
    metadata: Mapping[str, Collection[str]],
    control_ids: Collection[str] | None = None,
) -> list[Problem]:
    """Register-side links of team-owned mitigations to controls.

    `metadata` is the control catalogue's mitigation id -> control ids (from METADATA
    `mitigates`); a link that repeats it is rejected, since METADATA stays the only record of what
    a built-in control mitigates. With `control_ids`, a link to an unknown control is rejected too.
    """
    problems: list[Problem] = []
    for loaded in files:
        for i, risk in enumerate(loaded.content.risks):
            for j, mitigation in enumerate(risk.mitigations):
                declared = set(metadata.get(mitigation.id, ()))
                for k, control in enumerate(mitigation.controls):
                    loc = ("risks", i, "mitigations", j, "controls", k)
                    if control in declared:
                        message = (
                            f"{control}'s METADATA already lists {mitigation.id}; drop the link"
                        )
                        problems.append(_at(loaded, loc, message))
                    elif control_ids is not None and control not in control_ids:
                        problems.append(_at(loaded, loc, f"no control {control} in the policies"))
    return problems


def _at(loaded: LoadedFile, loc: tuple[str | int, ...], message: str) -> Problem:
    field = ".".join(str(part) for part in loc)
    return Problem(str(loaded.path), loaded.document.line_of(loc), field, message)
