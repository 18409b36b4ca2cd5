"""Shared fixtures: a clean RISKREG_* environment, the repository paths, the shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MIT_DATA = SHARED / "data" / "mit-ai-risk"
SEEDS = SHARED / "seeds"
K8S_SAMPLES = SHARED / "data" / "k8s-gatekeeper-samples"


@pytest.fixture(autouse=True)
def _clean_riskreg_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's RISKREG_* settings, except the opa binary make install pinned."""
    for name in list(os.environ):
        if name.startswith("RISKREG_") and name != "RISKREG_OPA":
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def repo() -> Path:
    return REPO
