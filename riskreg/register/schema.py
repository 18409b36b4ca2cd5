"""The committed JSON Schema of a register file, generated from the model.

Regenerate after changing riskreg/models/risk.py:

    .venv/bin/python -m riskreg.register.schema          # rewrite riskreg/schemas/register.schema.json
    .venv/bin/python -m riskreg.register.schema --check  # exit 1 when the committed file drifted
"""

from __future__ import annotations

import sys

from riskreg.models.risk import RegisterFile
from riskreg.schemafile import SCHEMAS, schema_text
from riskreg.schemafile import main as _main

SCHEMA_PATH = SCHEMAS / "register.schema.json"


def register_schema_text() -> str:
    """The schema as committed (see riskreg.schemafile.schema_text)."""
    return schema_text(RegisterFile)


def main(argv: list[str]) -> int:
    """Write the schema, or with `--check` report whether the committed one is current."""
    return _main(RegisterFile, SCHEMA_PATH, "riskreg.register.schema", argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
