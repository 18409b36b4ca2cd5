"""Built-ins are found next to the code, and tools never in the working folder (the scanned repository)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from riskreg import resources
from riskreg.cli.app import run
from riskreg.errors import ToolMissingError
from riskreg.manifests.sandbox import locate_tool
from riskreg.policy.engines.binary import candidate_paths, locate_opa
from tests.conftest import REPO


def _plant(folder: Path, name: str) -> tuple[Path, Path]:
    """A `.tools/bin/<name>` that leaves a marker file if anything ever runs it."""
    marker = folder / f"{name}-was-run"
    tool = folder / ".tools" / "bin" / name
    tool.parent.mkdir(parents=True, exist_ok=True)
    tool.write_text(f"#!/bin/sh\ntouch {marker}\necho 'Version: 9.9.9'\n")
    tool.chmod(0o755)
    return tool, marker


def test_a_checkout_reads_the_built_ins_from_its_top_level_folders() -> None:
    assert resources.checkout_root() == REPO
    for kind in ("policies", "risks", "templates"):
        assert resources.builtin_folder(kind) == REPO / kind  # type: ignore[arg-type]
    tracked = subprocess.run(
        ["git", "ls-files", "riskreg/_builtin"], cwd=REPO, capture_output=True, text=True
    )
    assert tracked.stdout == ""  # nothing is copied in git


@pytest.mark.parametrize("name", ["opa", "helm", "kustomize"])
def test_a_tool_planted_in_the_working_folder_is_never_run(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted, marker = _plant(tmp_path, name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RISKREG_OPA", raising=False)
    # `.` and empty PATH entries would search the working folder too: they are skipped.
    monkeypatch.setenv("PATH", ".::.tools/bin:/usr/bin")
    found = candidate_paths(None) if name == "opa" else resources.tool_candidates(name)
    assert all(path.resolve() != planted.resolve() for path in found if path.is_absolute())
    assert all(path.is_absolute() for path in found)
    if name == "opa":
        assert locate_opa(None).path == REPO / ".tools" / "bin" / "opa"
    else:
        assert locate_tool(name, None) == REPO / ".tools" / "bin" / name
    assert not marker.exists()


def test_path_lookup_uses_absolute_folders_only(tmp_path: Path) -> None:
    planted, _ = _plant(tmp_path, "opa")
    relative = planted.parent.relative_to(tmp_path)
    assert resources.on_path("opa", f"{relative}:.:") is None
    assert resources.on_path("opa", f"/nonexistent:{planted.parent}") == planted


def test_without_a_checkout_opa_comes_from_path_or_the_explicit_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resources, "checkout_root", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError) as caught:
        locate_opa(None)
    message = caught.value.one_line()
    assert "go install github.com/open-policy-agent/opa@v1.22.2" in message
    assert "https://github.com/open-policy-agent/opa/releases/tag/v1.22.2" in message
    assert "RISKREG_OPA" in message
    assert "opa not found at PATH (absolute folders only)" in message
    monkeypatch.setenv("PATH", str(REPO / ".tools" / "bin"))
    assert locate_opa(None).path == REPO / ".tools" / "bin" / "opa"


def test_pinned_versions_match_the_makefile() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    for name, tool in resources.PINNED_TOOLS.items():
        match = re.search(rf"^{name.upper()}_VERSION := (\S+)$", makefile, re.MULTILINE)
        assert match is not None and match.group(1) == tool.version, name
        assert f"{tool.go_package} {name.upper()}" in makefile.replace("$(", "").replace(")", "")


def test_doctor_lists_every_tool_and_how_to_get_a_missing_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["doctor"]) == 0
    listed = capsys.readouterr().out
    for name in ("opa", "helm", "kustomize", "conftest", "regal", "builtins"):
        assert re.search(rf"^ok\s+{name}\b", listed, re.MULTILINE), name
    monkeypatch.setattr(resources, "checkout_root", lambda: None)
    monkeypatch.delenv("RISKREG_OPA", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert run(["doctor"]) == 4
    missing = capsys.readouterr().out
    assert "MISSING opa" in missing and "MISSING helm" in missing and "MISSING kustomize" in missing
    assert "go install github.com/open-policy-agent/opa@v1.22.2" in missing
    assert "go install sigs.k8s.io/kustomize/kustomize/v5@v5.8.2" in missing
