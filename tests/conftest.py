"""Shared fixtures: a clean RISKREG_* environment, the repository paths, the shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MIT_DATA = SHARED / "data" / "mit-ai-risk"
SEEDS = SHARED / "seeds"
K8S_SAMPLES = SHARED / "data" / "k8s-gatekeeper-samples"


# The built-in controls are off unless a test turns them on: most tests evaluate a small fixture
# pack of their own, which would collide with the built-in gate (in the repository the built-in
# pack and ./policies are one folder, so tests run there see the same controls either way).
# tests/integration/test_builtins.py and test_wheel.py cover the built-ins.
BUILTINS_OFF = ("RISKREG_BUILTINS", "false")


@pytest.fixture(autouse=True, scope="session")
def _builtins_off_for_session_fixtures() -> Iterator[None]:
    """The same for fixtures wider than one test, which run before the per-test cleanup."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(*BUILTINS_OFF)
        yield


@pytest.fixture(autouse=True)
def _clean_riskreg_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's RISKREG_* settings, except the opa binary make install pinned."""
    for name in list(os.environ):
        if name.startswith("RISKREG_") and name != "RISKREG_OPA":
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(*BUILTINS_OFF)


@pytest.fixture
def repo() -> Path:
    return REPO
