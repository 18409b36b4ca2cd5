"""The committed JSON Schema of the waivers file, generated from the model.

Regenerate after changing riskreg/models/workflow.py:

    .venv/bin/python -m riskreg.workflow.schema          # rewrite riskreg/schemas/waivers.schema.json
    .venv/bin/python -m riskreg.workflow.schema --check  # exit 1 when the committed file drifted
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from riskreg.models.workflow import WaiversFile

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schemas" / "waivers.schema.json"


def waivers_schema_text() -> str:
    """The schema as committed: draft 2020-12, keys in a stable order, newline at the end."""
    schema = WaiversFile.model_json_schema()
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    """Write the schema, or with `--check` report whether the committed one is current."""
    text = waivers_schema_text()
    if "--check" in argv:
        current = SCHEMA_PATH.read_text(encoding="utf-8") if SCHEMA_PATH.is_file() else ""
        if current != text:
            sys.stderr.write(f"{SCHEMA_PATH} is stale: run python -m riskreg.workflow.schema\n")
            return 1
        return 0
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
