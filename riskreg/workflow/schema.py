"""The committed JSON Schema of the waivers file, generated from the model.

Regenerate after changing riskreg/models/workflow.py:

    .venv/bin/python -m riskreg.workflow.schema          # rewrite riskreg/schemas/waivers.schema.json
    .venv/bin/python -m riskreg.workflow.schema --check  # exit 1 when the committed file drifted
"""

from __future__ import annotations

import sys

from riskreg.models.workflow import WaiversFile
from riskreg.schemafile import SCHEMAS, schema_text
from riskreg.schemafile import main as _main

SCHEMA_PATH = SCHEMAS / "waivers.schema.json"


def waivers_schema_text() -> str:
    """The schema as committed (see riskreg.schemafile.schema_text)."""
    return schema_text(WaiversFile)


def main(argv: list[str]) -> int:
    """Write the schema, or with `--check` report whether the committed one is current."""
    return _main(WaiversFile, SCHEMA_PATH, "riskreg.workflow.schema", argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
