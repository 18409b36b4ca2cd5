"""Migrating a schema-1 register: version lines, governance moved to the implicit system, idempotent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.register.criteria import CRITERIA_FILE, load_criteria
from riskreg.register.migrate import migrate_register, plan_migration
from riskreg.register.store import load_register, read_folder
from riskreg.register.systems import load_systems

from .conftest import folder_state
from .systems_data import COMMITTED, copy_register

DAY = dt.date(2026, 11, 28)
GOVERNANCE = {
    "mit1158": "  governance: {owner: ana, likelihood: high, impact: very-high, treatment: mitigate, review_date: 2027-01-31}\n",
    "mit1163": "  governance: {owner: bo, treatment: accept, rationale: legacy decision}\n",
}


def schema_1(tmp_path: Path, governance: bool = True) -> Path:
    """The committed register as riskreg wrote it before schema 2, without systems."""
    folder = copy_register(tmp_path)
    for path in (folder / "systems").iterdir():
        path.unlink()
    (folder / "systems").rmdir()
    path = folder / "domain-7.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "schema_version: 2\n", "# our risks\nschema_version: 1\n"
    )
    for risk_id, block in GOVERNANCE.items() if governance else ():
        text = text.replace(f"- id: {risk_id}\n", f"- id: {risk_id}\n{block}")
    path.write_text(text, encoding="utf-8")
    other = folder / "domain-4.yaml"
    other.write_text(
        other.read_text(encoding="utf-8").replace("schema_version: 2\n", ""), encoding="utf-8"
    )
    return folder


def test_committed_register_is_current() -> None:
    assert plan_migration(COMMITTED, DAY).contents == {}


def test_migration_moves_governance_and_is_idempotent(tmp_path: Path) -> None:
    folder = schema_1(tmp_path)
    before = load_register(folder)
    migration, written = migrate_register(folder, DAY)
    assert sorted(p.name for p in written) == ["all.yaml", "domain-4.yaml", "domain-7.yaml"]
    assert any("governance of mit1158, mit1163 moved" in line for line in migration.changes)
    files, problems = read_folder(folder)
    assert not problems and {f.content.schema_version for f in files} == {2}
    after = load_register(folder)
    assert [r.id for r in after.risks] == [r.id for r in before.risks]
    assert all(r.governance == r.governance.__class__() for r in after.risks)
    [implicit] = load_systems(folder, after, load_criteria(folder))
    assert implicit.system.id == "all" and implicit.scope.every_risk
    assessed = implicit.entry("mit1158")
    assert (
        assessed is not None and assessed.assessment is not None and assessed.treatment is not None
    )
    assert (assessed.assessment.likelihood, assessed.assessment.impact) == ("likely", "severe")
    assert assessed.assessment.next_review == dt.date(2027, 1, 31)
    assert assessed.treatment.mitigations == ["mit1158.m1", "mit1158.m2", "mit1158.m3"]
    kept = implicit.entry("mit1163")
    assert kept is not None and kept.owner == "bo" and kept.treatment is None
    assert (
        kept.note is not None and "treatment accept" in kept.note and "legacy decision" in kept.note
    )
    state = folder_state(folder)
    again, rewritten = migrate_register(folder, DAY + dt.timedelta(days=1))
    assert (again.contents, rewritten) == ({}, [])
    assert folder_state(folder) == state


def test_file_without_governance_keeps_its_comments(tmp_path: Path) -> None:
    folder = schema_1(tmp_path, governance=False)
    original = (folder / "domain-7.yaml").read_text(encoding="utf-8")
    migrate_register(folder, DAY)
    migrated = (folder / "domain-7.yaml").read_text(encoding="utf-8")
    assert migrated == original.replace("schema_version: 1\n", "schema_version: 2\n")
    assert (folder / "domain-4.yaml").read_text(encoding="utf-8").startswith("schema_version: 2\n")
    assert not (folder / "systems").exists()


def test_invalid_register_is_not_migrated(tmp_path: Path) -> None:
    folder = schema_1(tmp_path)
    (folder / "broken.yaml").write_text("risks: [{id: X}]\n", encoding="utf-8")
    state = folder_state(folder)
    with pytest.raises(InvalidInputError, match="cannot migrate an invalid register"):
        migrate_register(folder, DAY)
    assert folder_state(folder) == state


def test_governance_needs_the_five_step_scale(tmp_path: Path) -> None:
    folder = schema_1(tmp_path)
    (folder / CRITERIA_FILE).write_text(
        "scale:\n  likelihood: [low, high]\n  impact: [low, high]\n  levels: [ok, bad]\n"
        "  matrix: [[ok, ok], [ok, bad]]\n",
        encoding="utf-8",
    )
    state = folder_state(folder)
    with pytest.raises(InvalidInputError, match="five steps"):
        migrate_register(folder, DAY)
    assert folder_state(folder) == state
