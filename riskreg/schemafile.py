"""Committed JSON Schemas generated from pydantic models: text, rewrite, and drift check.

Shared by `python -m riskreg.register.schema` and `python -m riskreg.workflow.schema`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

SCHEMAS = Path(__file__).resolve().parent / "schemas"


def schema_text(model: type[BaseModel]) -> str:
    """The schema as committed: draft 2020-12, keys in a stable order, newline at the end."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **model.model_json_schema(),
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(model: type[BaseModel], path: Path, module: str, argv: list[str]) -> int:
    """Write the schema, or with `--check` report whether the committed one is current."""
    text = schema_text(model)
    if "--check" in argv:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            sys.stderr.write(f"{path} is stale: run python -m {module}\n")
            return 1
        return 0
    path.write_text(text, encoding="utf-8")
    return 0
