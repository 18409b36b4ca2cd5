"""The committed system and criteria schemas match the models and accept the committed files."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from riskreg.models.criteria import Criteria
from riskreg.models.system import SystemFile
from riskreg.register.criteria import CRITERIA_FILE
from riskreg.register.system_schema import CRITERIA_SCHEMA_PATH, SYSTEM_SCHEMA_PATH, main
from riskreg.register.systems import system_paths
from riskreg.schemafile import schema_text

from .systems_data import COMMITTED


def _validator(path: Path) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_committed_schemas_are_current() -> None:
    assert SYSTEM_SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(SystemFile), (
        "stale schema: run .venv/bin/python -m riskreg.register.system_schema"
    )
    assert CRITERIA_SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(Criteria)
    assert main(["--check"]) == 0


def test_committed_files_validate_against_the_schemas() -> None:
    paths = system_paths(COMMITTED)
    assert len(paths) == 3
    for path in paths:
        _validator(SYSTEM_SCHEMA_PATH).validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    criteria = yaml.safe_load((COMMITTED / CRITERIA_FILE).read_text(encoding="utf-8"))
    _validator(CRITERIA_SCHEMA_PATH).validate(criteria)


def test_schema_rejects_unknown_fields() -> None:
    bad = yaml.safe_load(system_paths(COMMITTED)[0].read_text(encoding="utf-8"))
    bad["system"]["colour"] = "red"
    assert list(_validator(SYSTEM_SCHEMA_PATH).iter_errors(bad))
