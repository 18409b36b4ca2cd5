"""The OPA bundle's layout: manifest, policies without tests or samples, register as data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.workflow.archive import read_tar_gz
from riskreg.workflow.bundle import ROOTS, build_bundle

DATA = {
    "riskreg_register": {"version": "abc", "risks": {"mit1": {"title": "t", "mitigations": []}}}
}


def _policies(tmp_path: Path) -> Path:
    root = tmp_path / "policies"
    (root / "net" / "host" / "samples").mkdir(parents=True)
    (root / "net" / "host" / "host.rego").write_text("package riskreg.net.host\n")
    (root / "net" / "host" / "host_test.rego").write_text("package riskreg.net.host_test\n")
    (root / "net" / "host" / "samples" / "x.rego").write_text("package sample\n")
    (root / "net" / "host" / "samples" / "compliant.yaml").write_text("kind: Pod\n")
    return root


def test_bundle_layout(tmp_path: Path) -> None:
    data, revision = build_bundle(_policies(tmp_path), DATA, mtime=0)
    files = read_tar_gz(data, "bundle")
    assert sorted(files) == [
        ".manifest",
        "net/host/host.rego",
        "riskreg_params/data.json",
        "riskreg_register/data.json",
    ]
    manifest = json.loads(files[".manifest"])
    assert manifest["revision"] == revision and manifest["roots"] == list(ROOTS)
    assert json.loads(files["riskreg_register/data.json"]) == DATA["riskreg_register"]


def test_revision_follows_policy_content(tmp_path: Path) -> None:
    root = _policies(tmp_path)
    first = build_bundle(root, DATA, 0)
    assert build_bundle(root, DATA, 0) == first
    (root / "net" / "host" / "host.rego").write_text("package riskreg.net.host\n\nx := 1\n")
    assert build_bundle(root, DATA, 0)[1] != first[1]


def test_missing_or_empty_policies_are_invalid(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="not found"):
        build_bundle(tmp_path / "nope", DATA, 0)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InvalidInputError, match=r"no \.rego"):
        build_bundle(tmp_path / "empty", DATA, 0)
