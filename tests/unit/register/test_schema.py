"""The committed register JSON Schema matches the model and accepts the committed register."""

from __future__ import annotations

import jsonschema
import yaml

from riskreg.register.schema import SCHEMA_PATH, main, register_schema_text
from riskreg.register.store import register_paths
from tests.conftest import REPO


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == register_schema_text(), (
        "stale schema: run .venv/bin/python -m riskreg.register.schema"
    )
    assert main(["--check"]) == 0


def test_committed_register_validates_against_the_schema() -> None:
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    paths = register_paths(REPO / "risks")
    assert paths
    for path in paths:
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_schema_rejects_unknown_fields() -> None:
    schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    bad = {"risks": [{"id": "acme-1", "title": "t", "colour": "red"}]}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
