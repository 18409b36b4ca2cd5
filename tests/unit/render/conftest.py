"""The committed Report fixture and the golden-file check every renderer test uses.

Regenerate the golden files after an intended output change:
    RISKREG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/render
(and the fixture itself, rarely: .venv/bin/python tests/golden/build_fixture.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from riskreg.models.finding import Report

GOLDEN = Path(__file__).resolve().parents[2] / "golden"
FIXTURE = GOLDEN / "report.fixture.json"
XSS = "<script>alert('xss')</script>"
# Read at import: the autouse fixture clears RISKREG_* variables before each test runs.
UPDATE = os.environ.get("RISKREG_UPDATE_GOLDEN") == "1"


@pytest.fixture(scope="session")
def report() -> Report:
    return Report.model_validate_json(FIXTURE.read_bytes())


def assert_golden(relative: str, actual: str) -> None:
    """Compare with tests/golden/<relative> byte for byte, or rewrite it when asked to."""
    path = GOLDEN / relative
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.is_file(), f"missing golden file {path}; run with RISKREG_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes().decode("utf-8"), (
        f"{relative} differs; if intended: RISKREG_UPDATE_GOLDEN=1 pytest tests/unit/render"
    )
