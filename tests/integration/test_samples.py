"""Every control's samples through the real engine, and conftest agreeing with riskreg on each."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from riskreg.policy.catalog import load_catalog
from riskreg.policy.engines.binary import OpaBinary
from tests.integration.conftest import REPO

POLICIES = REPO / "policies"
SAMPLES = sorted([*POLICIES.glob("*/*/samples/*.yaml"), *POLICIES.glob("*/*/samples/*.json")])
CONFTEST = REPO / ".tools" / "bin" / "conftest"
PARAMS = POLICIES / "params.yaml"
# The samples copy the examples' AIDeployment, whose audits and baseline are dated up to
# 2026-11-02; a date after the evaluation time is no evidence (AUD-001, AUD-002, AUD-003, MON-001),
# so the clock sits after every sample date, on the day the Rego tests pin (lib/testing now_ns).
NOW = "2026-11-18T12:00:00+00:00"
# What only riskreg finds: high-entropy secrets are detected (and redacted) by riskreg's loader,
# before OPA; conftest hands the raw file to the same policies, which know only token shapes.
RISKREG_ONLY = {"mcp/inline_secrets/samples/noncompliant-high-entropy.json": {"MCP-002"}}


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


@pytest.fixture(scope="session")
def verdicts() -> dict[str, dict[str, set[str]]]:
    """target -> outcome -> control ids, from one `riskreg check` over every sample file."""
    done = subprocess.run(
        [sys.executable, "-m", "riskreg", "check", "--now", NOW, "-f", "json", *map(_rel, SAMPLES)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    table: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for finding in json.loads(done.stdout)["findings"]:
        table[finding["target"]][finding["outcome"]].add(finding["control_id"])
    return table


@pytest.fixture(scope="session")
def control_of_folder(opa: OpaBinary) -> dict[str, str]:
    catalog = load_catalog(opa, POLICIES)
    return {str(Path(control.file).parent): control.id for control in catalog.controls}


def test_there_are_samples_for_every_control(control_of_folder: dict[str, str]) -> None:
    folders = {str(path.parent.parent.relative_to(POLICIES)) for path in SAMPLES}
    assert set(control_of_folder) <= folders
    assert len(control_of_folder) >= 15


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: _rel(path).removeprefix("policies/"))
def test_sample_verdict(
    sample: Path, verdicts: dict[str, dict[str, set[str]]], control_of_folder: dict[str, str]
) -> None:
    control = control_of_folder[str(sample.parent.parent.relative_to(POLICIES))]
    outcomes = verdicts[_rel(sample)]
    if sample.name.startswith("noncompliant"):
        assert control in outcomes["fail"], f"{control} should fail on {sample.name}"
    else:
        assert control in outcomes["pass"], f"{control} should pass (not skip) on {sample.name}"
        assert control not in outcomes["fail"]


def _conftest_failures(sample: Path) -> set[str]:
    done = subprocess.run(
        [
            str(CONFTEST),
            "test",
            "--combine",
            "--all-namespaces",
            "--no-color",
            "-o",
            "json",
            "-p",
            str(POLICIES),
            "--data",
            str(PARAMS),
            # JSONC samples (comments, trailing commas, as VS Code writes them): jsonnet reads them.
            *(["--parser", "jsonnet"] if sample.suffix == ".json" else []),
            str(sample),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    failed: set[str] = set()
    for result in json.loads(done.stdout):
        for failure in result.get("failures") or []:
            match = re.match(r"([A-Z][A-Z0-9-]*-\d{3}):", failure["msg"])
            assert match, f"conftest failure without a control id: {failure['msg']}"
            failed.add(match.group(1))
    return failed


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: _rel(path).removeprefix("policies/"))
def test_conftest_agrees(sample: Path, verdicts: dict[str, dict[str, set[str]]]) -> None:
    """Same policies, unchanged, under conftest: the same controls fail on the same sample."""
    # conftest has no clock input; only audit-recency verdicts depend on time, so compare the rest.
    clocked = {"AUD-001", "AUD-002", "AUD-003", "MON-001"}  # they judge dates against the clock
    only_riskreg = clocked | RISKREG_ONLY.get(_rel(sample).removeprefix("policies/"), set())
    assert _conftest_failures(sample) - clocked == verdicts[_rel(sample)]["fail"] - only_riskreg
