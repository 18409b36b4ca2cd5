"""Merge imported risks into the register: no duplicates, idempotent, order of imports irrelevant.

Each field has one owner, so importing the database and the pages in either order gives the same
register: a page owns the title, description and mitigation text (it is the cleaned-up
rendition); the database owns the source record and the additional evidence; the register owns
governance and every field a person adds (catalogue links, attestations, extra mitigations).
Coding (domain, subdomain, entity, intent, timing) must agree, and so must the normalised title
and description; a disagreement means the ids do not denote the same risk and stops the import.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from pydantic import BaseModel

from riskreg.errors import InvalidInputError
from riskreg.models.risk import Mitigation, Risk
from riskreg.register.lint import check_files
from riskreg.register.store import file_for, read_folder, render_file
from riskreg.register.text import normalised


class Origin(str, Enum):
    """Which kind of importer produced the incoming risks."""

    PAGE = "page"
    DATABASE = "database"


@dataclass(frozen=True)
class Plan:
    """The files to write and what changed, decided before anything is written."""

    contents: dict[str, str]
    added: int
    updated: int
    unchanged: int


def plan_import(folder: Path, incoming: list[Risk], origin: Origin) -> Plan:
    """Merge `incoming` into the register in `folder`; raises InvalidInputError on any conflict."""
    files, problems = read_folder(folder)
    problems += check_files(folder, files)
    if problems:
        raise InvalidInputError(f"cannot import into an invalid register: {problems[0]}")
    placed = {
        risk.id: (loaded.path.name, risk) for loaded in files for risk in loaded.content.risks
    }
    _check_unique(incoming)
    counts = {"added": 0, "updated": 0, "unchanged": 0}
    touched: set[str] = set()
    for risk in incoming:
        name, merged = _merged(placed.get(risk.id), risk, origin)
        change = "added" if risk.id not in placed else "unchanged"
        if change == "unchanged" and merged != placed[risk.id][1]:
            change = "updated"
        counts[change] += 1
        if change != "unchanged":
            placed[risk.id] = (name, merged)
            touched.add(name)
    contents = {
        name: render_file(risk for file, risk in placed.values() if file == name)
        for name in touched
    }
    return Plan(contents=contents, **counts)


def _check_unique(incoming: list[Risk]) -> None:
    seen: set[str] = set()
    for risk in incoming:
        if risk.id in seen:
            raise InvalidInputError(f"{risk.id}: id: imported twice in one run")
        seen.add(risk.id)


def _merged(existing: tuple[str, Risk] | None, incoming: Risk, origin: Origin) -> tuple[str, Risk]:
    if existing is None:
        return file_for(incoming), incoming
    name, current = existing
    _check_same_risk(current, incoming)
    if origin is Origin.PAGE:
        return name, _with_page(current, incoming)
    return name, _with_database(current, incoming)


def _check_same_risk(current: Risk, incoming: Risk) -> None:
    pairs = {
        "domain": (current.domain, incoming.domain),
        "subdomain": (current.subdomain, incoming.subdomain),
        "causal": (current.causal, incoming.causal),
        "source.ev_id": (
            current.source.ev_id if current.source else None,
            incoming.source.ev_id if incoming.source else None,
        ),
    }
    for field, (ours, theirs) in pairs.items():
        if ours is not None and theirs is not None and ours != theirs:
            raise InvalidInputError(
                f"{current.id}: {field}: register has {_show(ours)}, import has {_show(theirs)}"
            )
    for field in ("title", "description"):
        ours, theirs = normalised(getattr(current, field)), normalised(getattr(incoming, field))
        if ours and theirs and ours != theirs:
            raise InvalidInputError(
                f"{current.id}: {field}: the import's text differs from the register's"
            )


def _show(value: object) -> str:
    return repr(value.model_dump() if isinstance(value, BaseModel) else str(value))


def _with_page(current: Risk, page: Risk) -> Risk:
    source = current.source if current.source and current.source.ev_id else page.source
    return current.model_copy(
        update={
            "title": page.title,
            "description": page.description or current.description,
            "domain": current.domain or page.domain,
            "subdomain": current.subdomain or page.subdomain,
            "causal": current.causal or page.causal,
            "source": source,
            "mitigations": _merged_mitigations(current.mitigations, page.mitigations),
        }
    )


def _with_database(current: Risk, row: Risk) -> Risk:
    return current.model_copy(
        update={
            "description": current.description or row.description,
            "domain": current.domain or row.domain,
            "subdomain": current.subdomain or row.subdomain,
            "causal": current.causal or row.causal,
            "source": row.source,
            "additional_evidence": row.additional_evidence,
        }
    )


def _merged_mitigations(current: list[Mitigation], page: list[Mitigation]) -> list[Mitigation]:
    """Page text replaces the text of the same id; links, attestations and extra ids stay."""
    by_id = {mitigation.id: mitigation for mitigation in current}
    merged = [
        by_id[new.id].model_copy(
            update={
                "title": new.title,
                "description": new.description,
                "references": new.references,
            }
        )
        if new.id in by_id
        else new
        for new in page
    ]
    page_ids = {mitigation.id for mitigation in page}
    return merged + [mitigation for mitigation in current if mitigation.id not in page_ids]
