"""Migrate a register folder from schema 1 to schema 2; running it again changes nothing.

Schema 2 moves `governance` (owner, likelihood, impact, treatment, review date) out of the risk
and into the assessments of an AI system. A register migrated from schema 1 has no systems, so the
blocks go to the implicit system's file, `systems/all.yaml` (every target, every risk, no gate).
What schema 2 cannot hold without inventing it (an acceptance without approver or expiry, a
transfer without a recipient, a likelihood without an impact) is kept as the entry's `note`.
A file without governance only has its version line changed, so comments and layout survive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from riskreg.errors import InvalidInputError
from riskreg.models.assessment import Assessment, RiskEntry, RiskTreatment
from riskreg.models.criteria import Scale
from riskreg.models.risk import (
    REGISTER_SCHEMA_VERSION,
    Governance,
    Level,
    RegisterFile,
    Risk,
    Treatment,
)
from riskreg.models.system import SystemFile
from riskreg.register.criteria import load_criteria
from riskreg.register.lint import check_files
from riskreg.register.loaded import LoadedFile
from riskreg.register.scope import IMPLICIT_ID, implicit_system
from riskreg.register.store import read_folder, render_file, save_files
from riskreg.register.systems import read_systems, render_system, system_file
from riskreg.register.yamlio import parse_yaml

_VERSION_LINE = re.compile(r"^schema_version:[ \t]*1[ \t]*$", re.MULTILINE)
MIGRATED_BY = "register schema 1"


@dataclass(frozen=True)
class Migration:
    """The files to write (relative name -> text) and one line per change, decided up front."""

    contents: dict[str, str]
    changes: list[str]


def plan_migration(folder: Path, today: dt.date) -> Migration:
    """What migrating `folder` would write; an invalid register raises InvalidInputError."""
    files, problems = read_folder(folder)
    problems += check_files(folder, files)
    if problems:
        raise InvalidInputError(f"cannot migrate an invalid register: {problems[0]}")
    contents: dict[str, str] = {}
    changes: list[str] = []
    governed: list[Risk] = []
    for loaded in files:
        if loaded.content.schema_version >= REGISTER_SCHEMA_VERSION:
            continue
        name = loaded.path.name
        mine = [risk for risk in loaded.content.risks if risk.governance != Governance()]
        governed += mine
        contents[name] = _rewritten(loaded, mine)
        moved = f"; governance of {', '.join(r.id for r in mine)} moved" if mine else ""
        changes.append(f"{name}: schema_version 1 -> {REGISTER_SCHEMA_VERSION}{moved}")
    if governed:
        target, text = _implicit_file(folder, governed, today)
        contents[target] = text
        changes.append(f"{target}: {len(governed)} risk entries from schema-1 governance")
    return Migration(contents=contents, changes=changes)


def migrate_register(folder: Path, today: dt.date) -> tuple[Migration, list[Path]]:
    """Plan and write the migration (temp files, then renames); returns the paths written."""
    migration = plan_migration(folder, today)
    return migration, save_files(folder, migration.contents)


def _rewritten(loaded: LoadedFile, governed: list[Risk]) -> str:
    if governed:
        plain = [
            risk.model_copy(update={"governance": Governance()}) for risk in loaded.content.risks
        ]
        return render_file(plain)
    text = loaded.path.read_text(encoding="utf-8")
    new_line = f"schema_version: {REGISTER_SCHEMA_VERSION}"
    changed, count = _VERSION_LINE.subn(new_line, text, count=1)
    if count == 0:
        changed = f"{new_line}\n{text}"
    RegisterFile.model_validate(parse_yaml(changed, str(loaded.path)).data)  # never write worse
    return changed


def _implicit_file(folder: Path, governed: list[Risk], today: dt.date) -> tuple[str, str]:
    scale = load_criteria(folder).scale
    loaded, problems = read_systems(folder)
    if problems:
        raise InvalidInputError(f"cannot migrate: {problems[0]}")
    existing = next(
        (item.content for item in loaded if item.content.system.id == IMPLICIT_ID), None
    )
    base = existing or implicit_system(scale)
    taken = {entry.risk for entry in base.risks}
    clash = next((risk.id for risk in governed if risk.id in taken), None)
    if clash is not None:
        raise InvalidInputError(
            f"cannot migrate: {system_file(IMPLICIT_ID)} already has an entry for {clash}",
            hint=f"move {clash}'s governance into that entry by hand, then migrate again",
        )
    entries = [*base.risks, *(_entry(risk, scale, today) for risk in governed)]
    content = SystemFile.model_validate({**base.model_dump(), "risks": entries})
    return system_file(IMPLICIT_ID), render_system(content)


def _entry(risk: Risk, scale: Scale, today: dt.date) -> RiskEntry:
    g = risk.governance
    kept: list[str] = []
    assessment = None
    if g.likelihood and g.impact:
        review = g.review_date if g.review_date and g.review_date >= today else today
        assessment = Assessment(
            likelihood=_label(scale.likelihood, g.likelihood),
            impact=_label(scale.impact, g.impact),
            assessor=g.owner or MIGRATED_BY,
            date=today,
            next_review=review,
        )
    elif g.likelihood or g.impact:
        kept.append(f"likelihood {_text(g.likelihood)}, impact {_text(g.impact)}")
    treatment = _treatment(risk, g, kept)
    if g.rationale and (treatment is None or treatment.rationale is None):
        kept.append(f"rationale: {g.rationale}")
    note = f"From schema-1 governance: {'; '.join(kept)}" if kept else None
    return RiskEntry(
        risk=risk.id, owner=g.owner, assessment=assessment, treatment=treatment, note=note
    )


def _treatment(risk: Risk, g: Governance, kept: list[str]) -> RiskTreatment | None:
    if g.treatment is Treatment.MITIGATE and risk.mitigations:
        mitigations = [m.id for m in risk.mitigations]
        return RiskTreatment(decision=g.treatment, mitigations=mitigations, rationale=g.rationale)
    if g.treatment is Treatment.AVOID and g.rationale:
        return RiskTreatment(decision=g.treatment, rationale=g.rationale)
    if g.treatment is not None:
        kept.append(f"treatment {g.treatment.value} (schema 2 needs more: see risks/README.md)")
    return None


def _label(labels: list[str], level: Level) -> str:
    if len(labels) != len(Level):
        raise InvalidInputError(
            f"cannot migrate: schema-1 levels are five steps, the scale has {len(labels)}",
            hint="migrate with the default scale, then change criteria.yaml",
        )
    return labels[list(Level).index(level)]


def _text(level: Level | None) -> str:
    return level.value if level else "unset"
