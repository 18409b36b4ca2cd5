"""Paths of the shared MIT data and seed pages, and the V4 import read once per session."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from riskreg.register.mit import MitImport, import_database
from tests.conftest import MIT_DATA, SEEDS

V4_XLSX = MIT_DATA / "Copy of The AI Risk Repository V4_03_12_2025.xlsx"
V4_CSV = MIT_DATA / "Copy of The AI Risk Repository V4_03_12_2025 - AI Risk Database v4.csv"
V3_XLSX = MIT_DATA / "The AI Risk Repository V3_26_03_2025.xlsx"
V2_CSV = MIT_DATA / "risks.csv"
MITIGATION_CSV = MIT_DATA / "mitigation-database-2025-07-23.csv"
TAXONOMY_JSON = MIT_DATA / "mitigation-taxonomy-2026-08-20.json"
SEED_IDS = ("mit1158", "mit1163", "mit1166")


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def folder_state(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its sha256: equal before and after means nothing was written."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="session")
def v4_import() -> MitImport:
    return import_database(V4_XLSX)


@pytest.fixture(scope="session")
def v4_csv_import() -> MitImport:
    return import_database(V4_CSV)
