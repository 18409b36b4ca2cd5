"""SARIF output validates against the SARIF 2.1.0 schema files in tests/schemas/, offline."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from riskreg.models.finding import Report
from riskreg.render import sarif

SCHEMAS = sorted((Path(__file__).resolve().parents[2] / "schemas").glob("sarif*.json"))


@pytest.mark.parametrize("schema_path", SCHEMAS, ids=lambda path: path.name)
def test_sarif_validates(report: Report, schema_path: Path) -> None:
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(sarif.render(report)), schema)


def test_schema_rejects_what_sarif_forbids(report: Report) -> None:
    schema = json.loads(SCHEMAS[0].read_text(encoding="utf-8"))
    document = json.loads(sarif.render(report))
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)
