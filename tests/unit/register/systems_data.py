"""The committed register with its three example systems, and builders for variations of them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

from riskreg.models.assurance import Assurance
from riskreg.models.criteria import Criteria
from riskreg.models.risk import Register
from riskreg.models.system import SystemFile
from riskreg.register.criteria import load_criteria
from riskreg.register.store import load_register
from riskreg.register.systems import load_systems
from tests.conftest import REPO

COMMITTED = REPO / "risks"
TODAY = dt.date(2026, 11, 28)
V, A, F, G = Assurance.VERIFIED, Assurance.ATTESTED, Assurance.FAILING, Assurance.GAP

# What `riskreg check examples/deployments` gives each example's mitigations today: a mitigation
# fails when one of its controls fails on the system's target, else it is verified.
EXAMPLE_ASSURANCES: dict[str, dict[str, Assurance]] = {
    "browsing-agent": {f"mit{r}.m{n}": V for r in (1158, 1163, 1166) for n in (1, 2, 3)},
    "coding-agent": {
        **{f"mit{r}.m{n}": F for r in (1158, 1163) for n in (1, 2, 3)},
        **{f"mit1166.m{n}": V for n in (1, 2, 3)},
    },
    "public-chat-api": {
        **{f"mit{r}.m{n}": V for r in (1158, 1163) for n in (1, 2, 3)},
        **{f"mit1166.m{n}": F for n in (1, 2, 3)},
    },
}


def copy_register(tmp_path: Path) -> Path:
    """A private copy of the committed register folder."""
    folder = tmp_path / "risks"
    shutil.copytree(COMMITTED, folder)
    return folder


def load_all(folder: Path) -> tuple[Register, Criteria, list[SystemFile]]:
    """Register, criteria and systems of a folder."""
    register = load_register(folder)
    criteria = load_criteria(folder)
    return register, criteria, load_systems(folder, register, criteria)


def example(system_id: str) -> SystemFile:
    """One committed example system."""
    _, _, systems = load_all(COMMITTED)
    return next(item for item in systems if item.system.id == system_id)


def changed(content: SystemFile, **update: Any) -> SystemFile:
    """A validated copy with some top-level fields replaced (given as plain data)."""
    return SystemFile.model_validate({**content.model_dump(mode="json"), **update})
