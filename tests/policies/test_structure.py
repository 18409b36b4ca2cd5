"""Every control folder is complete: source, tests, samples both ways, and the METADATA riskreg reads."""

from __future__ import annotations

import json
import os
import re
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
POLICIES = REPO / "policies"
SEED_MITIGATIONS = {f"{risk}.m{n}" for risk in ("mit1163", "mit1166", "mit1158") for n in (1, 2, 3)}
MITIGATION_ID = re.compile(r"^[a-z0-9-]+\.m[0-9]+$")
CONTROL_ID = re.compile(r"^[A-Z][A-Z0-9]*-[0-9]{3}$")
SEVERITIES = {"low", "medium", "high", "critical"}
FRAMEWORKS = {
    "nist_ai_rmf": re.compile(r"^(GOVERN|MAP|MEASURE|MANAGE) [0-9]+\.[0-9]+$"),
    "eu_ai_act": re.compile(r"^Article [0-9]+$"),
    "iso_iec_42001": re.compile(r"^A\.[0-9]+(\.[0-9]+)+$"),
}
# `kinds` documents what a control reads: Kubernetes-style kinds ("*" = any kind with a pod
# template, found by shape) or riskreg's own input formats.
KIND = re.compile(r"^(\*|[A-Z][A-Za-z0-9]*)$")
# Folders under policies/ that hold something other than controls.
NOT_CONTROLS = {"lib", "gate"}


def opa() -> str:
    return os.environ.get("RISKREG_OPA") or str(REPO / ".tools" / "bin" / "opa")


def control_dirs() -> list[Path]:
    return sorted(
        folder
        for area in POLICIES.iterdir()
        if area.is_dir() and area.name not in NOT_CONTROLS
        for folder in area.iterdir()
        if folder.is_dir()
    )


@cache
def annotations() -> dict[str, dict[str, Any]]:
    """Package-scope annotations keyed by the control's folder, as riskreg's engine reads them."""
    completed = subprocess.run(
        [opa(), "inspect", "-a", "-f", "json", str(POLICIES)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found: dict[str, dict[str, Any]] = {}
    for item in json.loads(completed.stdout).get("annotations", []):
        if item["annotations"].get("scope") == "package":
            folder = str(Path(item["location"]["file"]).resolve().parent.relative_to(POLICIES))
            found[folder] = item["annotations"]
    return found


def controls() -> list[Any]:
    return [pytest.param(folder, id=str(folder.relative_to(POLICIES))) for folder in control_dirs()]


def test_pass_at_least_fifteen_controls() -> None:
    assert len(control_dirs()) >= 15


@pytest.mark.parametrize("folder", controls())
def test_pass_control_files(folder: Path) -> None:
    name = folder.name
    assert (folder / f"{name}.rego").is_file(), "missing the control's .rego"
    assert (folder / f"{name}_test.rego").is_file(), "missing the control's _test.rego"
    samples = folder / "samples"
    # YAML targets, or JSON/JSONC files for controls of JSON configurations (MCP).
    assert [*samples.glob("compliant*.yaml"), *samples.glob("compliant*.json")], (
        "needs samples/compliant*.yaml or .json"
    )
    assert [*samples.glob("noncompliant*.yaml"), *samples.glob("noncompliant*.json")], (
        "needs samples/noncompliant*.yaml or .json"
    )


@pytest.mark.parametrize("folder", controls())
def test_pass_package_names(folder: Path) -> None:
    area, name = folder.relative_to(POLICIES).parts
    source = (folder / f"{name}.rego").read_text(encoding="utf-8")
    tests = (folder / f"{name}_test.rego").read_text(encoding="utf-8")
    assert re.search(rf"^package riskreg\.{area}\.{name}$", source, re.M)
    assert re.search(rf"^package riskreg\.{area}\.{name}_test$", tests, re.M)
    assert re.search(r"^test_pass_\w+ if", tests, re.M), "needs a test_pass_* test"
    assert re.search(r"^test_deny_\w+ if", tests, re.M), "needs a test_deny_* test"
    assert re.search(r"^deny contains \w+ if", source, re.M), "needs deny rules"
    # Without `checked` a control can never pass: it would be `skip` everywhere.
    assert re.search(r"^checked contains ", source, re.M), "needs checked rules (contract §2)"


@pytest.mark.parametrize("folder", controls())
def test_pass_metadata(folder: Path) -> None:
    meta = annotations().get(str(folder.relative_to(POLICIES)))
    assert meta is not None, "no package-scope METADATA"
    assert meta.get("title"), "METADATA title"
    assert meta.get("description"), "METADATA description"
    custom = meta.get("custom", {})
    assert CONTROL_ID.match(custom.get("id", "")), f"custom.id {custom.get('id')!r}"
    assert custom.get("severity") in SEVERITIES, f"custom.severity {custom.get('severity')!r}"
    assert custom.get("mitigates"), "custom.mitigates is empty"
    assert all(MITIGATION_ID.match(m) for m in custom["mitigates"]), custom["mitigates"]
    assert custom.get("kinds") and all(KIND.match(k) for k in custom["kinds"]), custom.get("kinds")
    assert isinstance(custom.get("version"), int) and custom["version"] >= 1, "custom.version"
    frameworks = custom.get("frameworks")
    assert frameworks and set(frameworks) <= set(FRAMEWORKS), frameworks
    for key, clauses in frameworks.items():
        assert clauses and all(FRAMEWORKS[key].match(c) for c in clauses), (key, clauses)
    assert any(r.get("ref") == "https://airisk.mit.edu" for r in meta.get("related_resources", []))


def test_pass_ids_unique() -> None:
    ids = [meta["custom"]["id"] for meta in annotations().values() if "custom" in meta]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_pass_every_seed_mitigation_covered() -> None:
    covered = {
        m for meta in annotations().values() for m in meta.get("custom", {}).get("mitigates", [])
    }
    assert covered >= SEED_MITIGATIONS, sorted(SEED_MITIGATIONS - covered)


def test_pass_controls_never_read_input_directly() -> None:
    """Controls go through policies/lib, so the three input shapes are handled in one place."""
    for folder in control_dirs():
        source = (folder / f"{folder.name}.rego").read_text(encoding="utf-8")
        code = "\n".join(line for line in source.splitlines() if not line.startswith("#"))
        assert not re.search(r"(?<![\w.])input\.", code), folder


def test_pass_ids_come_from_metadata_only() -> None:
    """The id is written once, in METADATA; rule bodies never spell it out."""
    for folder in control_dirs():
        source = (folder / f"{folder.name}.rego").read_text(encoding="utf-8")
        body = "\n".join(line for line in source.splitlines() if not line.startswith("#"))
        assert not re.search(r"\b[A-Z]{2,5}-[0-9]{3}\b", body), folder


def test_pass_rego_fixtures_match_compliant_samples() -> None:
    """The Rego tests' fixtures are the documents of the compliant samples, so both stay in step."""
    import yaml

    completed = subprocess.run(
        [
            opa(),
            "eval",
            "-f",
            "json",
            "-d",
            str(POLICIES / "lib" / "testing"),
            "-d",
            str(POLICIES / "lib" / "result"),
            "data.riskreg.lib.testing",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    fixtures = json.loads(completed.stdout)["result"][0]["expressions"][0]["value"]
    combined = POLICIES / "k8s" / "workload_link" / "samples" / "compliant.yaml"
    documents = list(yaml.safe_load_all(combined.read_text(encoding="utf-8")))
    assert documents == [fixtures["aideployment"], *fixtures["kubernetes"]]
