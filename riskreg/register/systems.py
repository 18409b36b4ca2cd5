"""Load, check and write the AI systems of a register: one `risks/systems/<id>.yaml` per system.

One file per system, so each team owns (and reviews) its own file and a spreadsheet import rewrites
only the systems it changed. The folder is outside the `*.yaml` glob of register files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.models.criteria import Criteria
from riskreg.models.risk import Register
from riskreg.models.system import SystemFile
from riskreg.register.yamlio import Problem, YamlDocument, dump_yaml, prune, read_yaml_model

SYSTEMS_DIR = "systems"


@dataclass(frozen=True)
class LoadedSystem:
    """One system file as read: where it is, its validated content and its YAML nodes."""

    path: Path
    content: SystemFile
    document: YamlDocument | None = None

    def problem(self, loc: tuple[str | int, ...], message: str) -> Problem:
        """A problem at a field of this file, with its line when known."""
        line = self.document.line_of(loc) if self.document else None
        return Problem(str(self.path), line, ".".join(str(part) for part in loc), message)


def system_file(system_id: str) -> str:
    """The file of a system, relative to the register folder."""
    return f"{SYSTEMS_DIR}/{system_id}.yaml"


def system_paths(folder: Path) -> list[Path]:
    """The system files of a register folder, sorted by name."""
    directory = folder / SYSTEMS_DIR
    return sorted(directory.glob("*.yaml")) if directory.is_dir() else []


def read_systems(folder: Path) -> tuple[list[LoadedSystem], list[Problem]]:
    """Read every system file, collecting all schema problems instead of stopping."""
    loaded: list[LoadedSystem] = []
    problems: list[Problem] = []
    for path in system_paths(folder):
        content, document, found = read_yaml_model(path, SystemFile)
        problems += found
        if content is not None:
            loaded.append(LoadedSystem(path, content, document))
    return loaded, problems


def check_systems(
    systems: list[LoadedSystem], register: Register, criteria: Criteria
) -> list[Problem]:
    """References a file's schema cannot check: file name, risks, mitigations, scale labels."""
    problems: list[Problem] = []
    for loaded in systems:
        problems += _check_system(loaded, register, criteria)
    return problems


def _check_system(loaded: LoadedSystem, register: Register, criteria: Criteria) -> list[Problem]:
    content, scale = loaded.content, criteria.scale
    problems: list[Problem] = []
    if loaded.path.stem != content.system.id:
        problems.append(
            loaded.problem(("system", "id"), f"must equal the file name {loaded.path.stem!r}")
        )
    if not scale.knows("levels", content.system.appetite):
        problems.append(loaded.problem(("system", "appetite"), _not_on("levels", scale.levels)))
    for index, risk_id in enumerate(content.scope.include):
        if register.risk(risk_id) is None:
            problems.append(loaded.problem(("scope", "include", index), f"no risk {risk_id!r}"))
    for index, exclusion in enumerate(content.scope.exclude):
        if exclusion.risk is not None and register.risk(exclusion.risk) is None:
            problems.append(
                loaded.problem(("scope", "exclude", index, "risk"), f"no risk {exclusion.risk!r}")
            )
    for index in range(len(content.risks)):
        problems += _check_entry(loaded, index, register, criteria)
    return problems


def _check_entry(
    loaded: LoadedSystem, index: int, register: Register, criteria: Criteria
) -> list[Problem]:
    entry = loaded.content.risks[index]
    here: tuple[str | int, ...] = ("risks", index)
    risk = register.risk(entry.risk)
    if risk is None:
        return [loaded.problem((*here, "risk"), f"no risk {entry.risk!r} in the register")]
    problems: list[Problem] = []
    if not loaded.content.scope.covers(risk):
        problems.append(
            loaded.problem((*here, "risk"), f"{entry.risk} is not in this system's scope")
        )
    if entry.assessment is not None:
        for axis in ("likelihood", "impact"):
            label = getattr(entry.assessment, axis)
            if not criteria.scale.knows(axis, label):
                where = (*here, "assessment", axis)
                problems.append(loaded.problem(where, _not_on(axis, getattr(criteria.scale, axis))))
    known = {mitigation.id for mitigation in risk.mitigations}
    for number, mitigation_id in enumerate(entry.treatment.mitigations if entry.treatment else []):
        if mitigation_id not in known:
            where = (*here, "treatment", "mitigations", number)
            problems.append(
                loaded.problem(where, f"{entry.risk} has no mitigation {mitigation_id}")
            )
    return problems


def _not_on(axis: str, labels: list[str]) -> str:
    return f"not on the scale's {axis} ({', '.join(labels)}); see criteria.yaml"


def load_systems(folder: Path, register: Register, criteria: Criteria) -> list[SystemFile]:
    """The checked systems of a folder (none: an empty list); the first problem raises exit 3."""
    return [item.content for item in load_checked(folder, register, criteria)]


def load_checked(folder: Path, register: Register, criteria: Criteria) -> list[LoadedSystem]:
    """As `load_systems`, keeping each file's path and YAML nodes (for line numbers)."""
    loaded, problems = read_systems(folder)
    problems += check_systems(loaded, register, criteria)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidInputError(f"{problems[0]}{more}", hint=f"fix {folder / SYSTEMS_DIR}")
    return loaded


def system_data(content: SystemFile) -> dict[str, Any]:
    """The file's data as written: only what was said, with the schema version first."""
    data = prune(content.model_dump(mode="json", exclude_defaults=True))
    return {"schema_version": content.schema_version, **data}


def render_system(content: SystemFile) -> str:
    """The YAML text of a system file."""
    return dump_yaml(system_data(content))
