"""Register-side control links: only for team-owned mitigations, never repeating METADATA."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.register.links import all_links, register_links
from riskreg.register.lint import check_control_links
from riskreg.register.store import load_register, read_folder

from .systems_data import copy_register

METADATA = {"mit1163.m2": ["NET-001", "NET-002"], "mit1163.m1": ["IAM-001"]}
TEAM = """  - id: mit1163.t1
    title: Egress proxy with data-loss prevention
    description: Every outbound request goes through the team's DLP proxy.
    controls:
{controls}"""


def with_team_mitigation(tmp_path: Path, *controls: str) -> Path:
    folder = copy_register(tmp_path)
    path = folder / "domain-7.yaml"
    text = path.read_text(encoding="utf-8")
    block = TEAM.format(controls="".join(f"    - {c}\n" for c in controls))
    # mit1163 is the last risk of the file and m3 its last mitigation: the team's comes after it
    assert "\n- id:" not in text[text.index("  - id: mit1163.m3\n") :]
    path.write_text(text + block, encoding="utf-8")
    return folder


def test_team_link_to_a_control_is_accepted(tmp_path: Path) -> None:
    folder = with_team_mitigation(tmp_path, "NET-001", "MON-001")
    files, problems = read_folder(folder)
    assert not problems
    assert check_control_links(files, METADATA, {"NET-001", "MON-001"}) == []
    register = load_register(folder)
    assert register_links(register) == {"mit1163.t1": ["NET-001", "MON-001"]}
    merged = all_links(METADATA, register)
    assert merged["mit1163.t1"] == ["NET-001", "MON-001"]
    assert merged["mit1163.m2"] == ["NET-001", "NET-002"]


def test_link_repeating_metadata_is_rejected(tmp_path: Path) -> None:
    folder = with_team_mitigation(tmp_path, "NET-001")
    files, _ = read_folder(folder)
    metadata = {**METADATA, "mit1163.t1": ["NET-001"]}  # a control's METADATA names the team id
    [problem] = check_control_links(files, metadata)
    assert problem.field.endswith("mitigations.3.controls.0")
    assert "NET-001's METADATA already lists mit1163.t1" in problem.message
    assert problem.line is not None and problem.file.endswith("domain-7.yaml")


def test_link_to_an_unknown_control_is_rejected(tmp_path: Path) -> None:
    folder = with_team_mitigation(tmp_path, "NET-999")
    files, _ = read_folder(folder)
    [problem] = check_control_links(files, METADATA, {"NET-001"})
    assert "no control NET-999" in problem.message
    assert check_control_links(files, METADATA) == []  # without the catalogue, not checked


def test_link_on_a_source_mitigation_is_invalid(tmp_path: Path) -> None:
    folder = copy_register(tmp_path)
    path = folder / "domain-7.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: mit1163.m1\n"
    path.write_text(text.replace(anchor, anchor + "    controls: [NET-001]\n"), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="only a team-owned mitigation"):
        load_register(folder)
