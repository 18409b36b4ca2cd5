"""The real helm and kustomize that `make install` built; a missing binary fails, never skips."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.manifests.render import RenderOptions
from riskreg.manifests.sandbox import locate_tool
from tests.integration.conftest import FIXTURES, REPO

RENDER = FIXTURES / "render"
CHARTS = REPO.parent / "shared" / "data" / "helm-charts"


@pytest.fixture(scope="session")
def tools() -> RenderOptions:
    bin_dir = REPO / ".tools" / "bin"
    return RenderOptions(
        helm=locate_tool("helm", bin_dir / "helm"),
        kustomize=locate_tool("kustomize", bin_dir / "kustomize"),
    )


@pytest.fixture
def render_fixtures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The render fixtures copied into an empty working folder, so names are short and stable."""
    import shutil

    shutil.copytree(RENDER, tmp_path / "render")
    monkeypatch.chdir(tmp_path)
    return Path("render")
