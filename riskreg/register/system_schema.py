"""The committed JSON Schemas of system files and of criteria.yaml, generated from the models.

Regenerate after changing riskreg/models/system.py, scope.py, assessment.py or criteria.py:

    .venv/bin/python -m riskreg.register.system_schema          # rewrite both schemas
    .venv/bin/python -m riskreg.register.system_schema --check  # exit 1 when one drifted
"""

from __future__ import annotations

import sys

from riskreg.models.criteria import Criteria
from riskreg.models.system import SystemFile
from riskreg.schemafile import SCHEMAS
from riskreg.schemafile import main as _main

SYSTEM_SCHEMA_PATH = SCHEMAS / "system.schema.json"
CRITERIA_SCHEMA_PATH = SCHEMAS / "criteria.schema.json"


def main(argv: list[str]) -> int:
    """Write both schemas, or with `--check` report whether the committed ones are current."""
    codes = [
        _main(SystemFile, SYSTEM_SCHEMA_PATH, "riskreg.register.system_schema", argv),
        _main(Criteria, CRITERIA_SCHEMA_PATH, "riskreg.register.system_schema", argv),
    ]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
