"""System files: the committed examples load, cross-file problems name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import ExitCode, InvalidInputError
from riskreg.register.criteria import load_criteria
from riskreg.register.store import load_register, register_paths
from riskreg.register.systems import (
    check_systems,
    load_systems,
    read_systems,
    render_system,
    system_paths,
)

from .systems_data import COMMITTED, copy_register, load_all


def test_committed_examples_load() -> None:
    _, _, systems = load_all(COMMITTED)
    assert [s.system.id for s in systems] == ["browsing-agent", "coding-agent", "public-chat-api"]


def test_committed_examples_are_written_as_riskreg_writes_them() -> None:
    loaded, problems = read_systems(COMMITTED)
    assert not problems
    for item in loaded:
        assert render_system(item.content) == item.path.read_text(encoding="utf-8")


def test_system_files_are_not_register_files() -> None:
    assert not set(system_paths(COMMITTED)) & set(register_paths(COMMITTED))


def test_no_systems_folder_means_no_systems(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    for path in system_paths(folder):
        path.unlink()
    register = load_register(folder)
    assert load_systems(folder, register, load_criteria(folder)) == []


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("  id: coding-agent\n", "  id: coder\n", "system.id", "must equal the file name"),
        (
            "  appetite: medium\n",
            "  appetite: moderate\n",
            "system.appetite",
            "not on the scale's levels",
        ),
        (
            "    likelihood: likely\n",
            "    likelihood: frequent\n",
            "assessment.likelihood",
            "likelihood",
        ),
        (
            "  exclude:\n",
            "  include:\n  - mit9999\n  exclude:\n",
            "scope.include.0",
            "no risk 'mit9999'",
        ),
        (
            "    - mit1163.m3\n",
            "    - mit1163.m7\n",
            "mitigations.2",
            "has no mitigation mit1163.m7",
        ),
        (
            "  - subdomain: '7.2'\n",
            "  - subdomain: '7.1'\n",
            "risks.0.risk",
            "not in this system's scope",
        ),
    ],
)
def test_cross_file_problems(tmp_path: Path, old: str, new: str, field: str, message: str) -> None:
    folder = copy_register(tmp_path)
    path = folder / "systems" / "coding-agent.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    register = load_register(folder)
    loaded, problems = read_systems(folder)
    problems += check_systems(loaded, register, load_criteria(folder))
    assert problems, "expected a problem"
    first = problems[0]
    assert first.file.endswith("coding-agent.yaml") and first.line is not None
    assert field in first.field and message in first.message, str(first)
    with pytest.raises(InvalidInputError) as caught:
        load_systems(folder, register, load_criteria(folder))
    assert caught.value.exit_code is ExitCode.INVALID_INPUT


def test_exclusion_without_rationale_is_a_schema_problem(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    path = folder / "systems" / "coding-agent.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    rationale: Used only")
    path.write_text(text[:start] + text[text.index("risks:\n") :], encoding="utf-8")
    _, problems = read_systems(folder)
    assert [p.field for p in problems] == ["scope.exclude.0.rationale"]
    assert problems[0].message == "Field required" and problems[0].line is not None
