"""Read `risks/criteria.yaml` (scale, level matrix, residual rule); without it, the defaults apply."""

from __future__ import annotations

from pathlib import Path

from riskreg.errors import InvalidInputError
from riskreg.models.criteria import Criteria
from riskreg.register.yamlio import dump_yaml, read_yaml_model

CRITERIA_FILE = "criteria.yaml"


def load_criteria(folder: Path) -> Criteria:
    """The criteria of a register folder: its `criteria.yaml`, or every default when absent."""
    path = folder / CRITERIA_FILE
    if not path.is_file():
        return Criteria()
    criteria, _, problems = read_yaml_model(path, Criteria)
    if criteria is None:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidInputError(f"{problems[0]}{more}")
    return criteria


def render_criteria(criteria: Criteria) -> str:
    """The YAML text of a criteria file (every value written out, defaults included)."""
    return dump_yaml(criteria.model_dump(mode="json"))
