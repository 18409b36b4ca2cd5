"""The committed waivers JSON Schema matches the model and judges files like the model does."""

from __future__ import annotations

import json

import jsonschema

from riskreg.workflow.schema import SCHEMA_PATH, main, waivers_schema_text


def test_committed_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == waivers_schema_text(), (
        "stale schema: run .venv/bin/python -m riskreg.workflow.schema"
    )
    assert main(["--check"]) == 0


def test_schema_requires_approver_and_expiry() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    good = {
        "control": "NET-001",
        "reason": "r",
        "approver": "a",
        "created": "2026-01-01",
        "expires": "2026-02-01",
    }
    assert not list(validator.iter_errors({"waivers": [good]}))
    for missing in ("approver", "expires"):
        bad = {key: value for key, value in good.items() if key != missing}
        assert list(validator.iter_errors({"waivers": [bad]}))
