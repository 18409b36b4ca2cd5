"""Built-in controls and register in any folder, a project's own adding to them, and every collision refused."""

from __future__ import annotations

import json
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from riskreg.cli.app import run
from riskreg.models.pack import PolicyRoot
from riskreg.policy.catalog import load_catalog
from riskreg.policy.engines.binary import OpaBinary
from riskreg.policy.tools import require_no_dangling
from riskreg.register.store import load_register
from riskreg.resources import builtin_folder
from tests.conftest import REPO

pytestmark = pytest.mark.opa

INSECURE = REPO / "examples" / "deployments" / "coding-agent" / "deployment.yaml"

OWNER_LABEL = """# METADATA
# title: Deployments name their owner
# description: Every Deployment carries the acme.example/owner label.
# custom:
#   id: {id}
#   severity: low
#   mitigates: [acme-1.m1, mit1163.m1]
#   kinds: [Deployment]
package {package}

checked contains {{"resource": "x", "file": doc.path, "assurance": "verified"}} if {{
	some doc in input.documents
	doc.contents.kind == "Deployment"
}}

deny contains finding if {{
	some doc in input.documents
	doc.contents.kind == "Deployment"
	not doc.contents.metadata.labels["acme.example/owner"]
	finding := {{
		"msg": "{id}: the Deployment names no owner",
		"resource": sprintf("Deployment/%v/%v", [doc.contents.metadata.namespace, doc.contents.metadata.name]),
		"path": ["metadata", "labels"], "file": doc.path, "index": doc.index,
	}}
}}
"""

ACME_RISK = {
    "schema_version": 2,
    "risks": [
        {
            "id": "acme-1",
            "title": "Unowned workloads",
            "mitigations": [{"id": "acme-1.m1", "title": "Owner labels", "description": "Label."}],
        }
    ],
}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty repository holding one insecure Deployment, the working folder, built-ins on."""
    shutil.copy(INSECURE, tmp_path / "deployment.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RISKREG_BUILTINS")
    return tmp_path


def _control(
    folder: Path, control_id: str = "ACME-001", package: str = "riskreg.acme.owner"
) -> Path:
    rego = folder / "policies" / "acme" / "owner" / "owner.rego"
    rego.parent.mkdir(parents=True, exist_ok=True)
    rego.write_text(OWNER_LABEL.format(id=control_id, package=package))
    (folder / "risks").mkdir(exist_ok=True)
    (folder / "risks" / "acme.yaml").write_text(yaml.safe_dump(ACME_RISK, sort_keys=False))
    return rego


def _json(args: list[str], capsys: pytest.CaptureFixture[str], code: int) -> Any:
    assert run(args) == code, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _builtin_controls(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    controls: list[dict[str, Any]] = _json(["controls", "list", "-f", "json"], capsys, 0)
    return controls


def test_the_built_in_pack_cites_only_the_built_in_register(opa: OpaBinary) -> None:
    policies, risks = builtin_folder("policies"), builtin_folder("risks")
    assert policies is not None and risks is not None
    catalog = load_catalog(opa, [PolicyRoot(path=policies, builtin=True)])
    require_no_dangling(catalog, load_register(risks).mitigation_ids())
    assert len(catalog.controls) >= 28


def test_a_folder_without_policies_or_risks_is_checked_by_the_built_ins(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _json(["check", ".", "-f", "json"], capsys, 1)
    builtin = {control["id"] for control in _builtin_controls(capsys)}
    assert {control["id"] for control in report["controls"]} == builtin
    failing = {f["control_id"] for f in report["findings"] if f["outcome"] == "fail"}
    assert failing and failing <= builtin
    policy_inputs = [i["path"] for i in report["inputs"] if i["kind"] == "policy"]
    assert policy_inputs and all(path.startswith(str(REPO / "policies")) for path in policy_inputs)


def test_project_controls_and_risks_add_to_the_built_ins(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    builtin = {control["id"] for control in _builtin_controls(capsys)}
    rego = _control(project)
    report = _json(["check", ".", "-f", "json"], capsys, 1)
    assert {control["id"] for control in report["controls"]} == builtin | {"ACME-001"}
    acme = [f for f in report["findings"] if f["control_id"] == "ACME-001"]
    assert [(f["outcome"], f["risk_ids"]) for f in acme] == [("fail", ["acme-1", "mit1163"])]
    inputs = {i["path"] for i in report["inputs"]}
    assert str(rego.relative_to(project)) in inputs and "risks/acme.yaml" in inputs
    listed = {c["id"]: c["file"] for c in _json(["controls", "list", "-f", "json"], capsys, 0)}
    assert listed["ACME-001"] == "project/acme/owner/owner.rego"


def test_the_bundle_and_digest_cover_both_roots(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["bundle", "build", "-o", "builtin.tar.gz"]) == 0
    _control(project)
    assert run(["bundle", "build", "-o", "both.tar.gz"]) == 0
    capsys.readouterr()
    builtin, both = _bundle(project / "builtin.tar.gz"), _bundle(project / "both.tar.gz")
    assert "project/acme/owner/owner.rego" in both and "gate/gate.rego" in both
    assert set(builtin) < set(both)
    assert json.loads(builtin[".manifest"])["revision"] != json.loads(both[".manifest"])["revision"]
    assert "acme-1" in json.loads(both["riskreg_register/data.json"])["risks"]


def _bundle(path: Path) -> dict[str, bytes]:
    with tarfile.open(path) as archive:
        return {
            member.name.lstrip("/"): archive.extractfile(member).read()  # type: ignore[union-attr]
            for member in archive.getmembers()
            if member.isfile()
        }


def test_a_project_package_or_id_the_built_ins_use_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _builtin_controls(capsys)[0]
    builtin_file = str(REPO / "policies" / first["file"])
    rego = _control(project, "ACME-001", f"{first['package']}")
    assert run(["check", "."]) == 3
    error = capsys.readouterr().err
    assert f"package {first['package']}" in error and "--no-builtins" in error
    assert str(rego.relative_to(project)) in error and builtin_file in error
    rego = _control(project, first["id"], "riskreg.acme.owner")
    assert run(["controls", "list"]) == 3
    error = capsys.readouterr().err
    assert f"control id {first['id']}" in error
    assert f"error: {rego.relative_to(project)}: control id" in error and builtin_file in error


def test_without_built_ins_and_without_policies_there_is_nothing_to_run(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["check", ".", "--no-builtins"]) == 2
    assert "no controls to run: the built-ins are off" in capsys.readouterr().err
    monkeypatch.setenv("RISKREG_BUILTINS", "0")
    assert run(["check", "."]) == 2
    monkeypatch.delenv("RISKREG_BUILTINS")
    (project / "riskreg.toml").write_text("builtins = false\n")
    assert run(["check", "."]) == 2
    capsys.readouterr()
    rego = _control(project)  # a pack of its own: its own gate, only its own risks
    rego.write_text(rego.read_text().replace("[acme-1.m1, mit1163.m1]", "[acme-1.m1]"))
    shutil.copytree(REPO / "policies" / "gate", project / "policies" / "gate")
    report = _json(["check", ".", "-f", "json"], capsys, 1)
    assert [control["id"] for control in report["controls"]] == ["ACME-001"]


def test_a_named_policies_folder_must_exist(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", ".", "--policies", "controls"]) == 3
    assert "controls: policies folder not found" in capsys.readouterr().err


def test_a_project_risk_overrides_the_built_in_entry_and_keeps_its_mitigations(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = {
        "schema_version": 2,
        "risks": [
            {
                "id": "mit1163",
                "title": "Our wording of outbound communication",
                "mitigations": [
                    {"id": "mit1163.t1", "title": "Egress proxy", "description": "Proxy."}
                ],
            }
        ],
    }
    (project / "risks").mkdir()
    (project / "risks" / "ours.yaml").write_text(yaml.safe_dump(ours, sort_keys=False))
    risk = _json(["risks", "show", "mit1163", "-f", "json"], capsys, 0)
    assert risk["title"] == "Our wording of outbound communication"
    ids = [m["id"] for m in risk["mitigations"]]
    assert ids == ["mit1163.m1", "mit1163.m2", "mit1163.m3", "mit1163.t1"]
    report = _json(["check", ".", "-f", "json"], capsys, 1)  # no built-in control dangles
    assert any("mit1163" in f["risk_ids"] for f in report["findings"])
    assert run(["risks", "list", "--no-builtins"]) == 0
    assert "1 risks" in capsys.readouterr().err


def test_check_dot_after_init_passes_over_riskregs_own_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init"]) == 0
    report = _json(["check", ".", "-f", "json"], capsys, 1)
    assert {i["path"] for i in report["inputs"] if i["kind"] == "manifest"} == {"deployment.yaml"}
