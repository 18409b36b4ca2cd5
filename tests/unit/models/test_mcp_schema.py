"""The committed MCP JSON Schema matches the models, and every real MCP file of ../shared validates.

After an intended model change: RISKREG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/models/test_mcp_schema.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from riskreg.models.mcp import json_schema
from riskreg.yamlsafe.jsonc import parse_jsonc
from riskreg.yamlsafe.limits import Limits
from tests.conftest import SHARED

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "riskreg" / "schemas" / "mcp.schema.json"
REAL = sorted((SHARED / "data" / "mcp-configs").glob("*.json"))
UPDATE = os.environ.get("RISKREG_UPDATE_GOLDEN") == "1"


def _generated() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"


def test_committed_schema_matches_the_models() -> None:
    if UPDATE:
        SCHEMA.write_text(_generated(), encoding="utf-8")
    assert SCHEMA.read_text(encoding="utf-8") == _generated(), (
        "MCP models changed: RISKREG_UPDATE_GOLDEN=1 pytest tests/unit/models/test_mcp_schema.py"
    )


@pytest.mark.skipif(not REAL, reason="../shared/data/mcp-configs is not there")
@pytest.mark.parametrize("path", REAL, ids=lambda path: path.name)
def test_real_files_validate(path: Path) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    value = parse_jsonc(path.read_text(encoding="utf-8"), path.name, Limits())
    jsonschema.validate(value, schema)


def test_a_wrong_type_is_refused() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"mcpServers": {"a": {"command": "npx", "args": "@x/y"}}}, schema)
