"""Referential integrity of the register, beyond what one file's schema can say."""

from __future__ import annotations

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
                if not mitigation.id.startswith(f"{risk.id}.m"):
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


def _at(loaded: LoadedFile, loc: tuple[str | int, ...], message: str) -> Problem:
    field = ".".join(str(part) for part in loc)
    return Problem(str(loaded.path), loaded.document.line_of(loc), field, message)
