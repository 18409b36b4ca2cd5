"""The committed Report JSON Schema matches the model, and the golden fixture validates against it.

After an intended model change: RISKREG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/models/test_report_schema.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema

from riskreg.models.finding import Report

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "riskreg" / "schemas" / "report.schema.json"
FIXTURE = REPO / "tests" / "golden" / "report.fixture.json"
UPDATE = os.environ.get("RISKREG_UPDATE_GOLDEN") == "1"


def _generated() -> str:
    return json.dumps(Report.model_json_schema(), indent=2, sort_keys=True) + "\n"


def test_committed_schema_matches_the_model() -> None:
    if UPDATE:
        SCHEMA.write_text(_generated(), encoding="utf-8")
    assert SCHEMA.read_text(encoding="utf-8") == _generated(), (
        "Report changed: RISKREG_UPDATE_GOLDEN=1 pytest tests/unit/models/test_report_schema.py"
    )


def test_fixture_report_validates() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(FIXTURE.read_text(encoding="utf-8")), schema)
