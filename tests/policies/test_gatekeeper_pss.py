"""The gatekeeper-library Pod Security samples as an oracle: riskreg flags every disallowed one at its field."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.policies.gatekeeper_pss import (
    DATA,
    EXPECTED,
    FAMILIES,
    NOW,
    REPO,
    TABLE,
    Excluded,
    Flagged,
    disallowed_samples,
    reported,
    run,
    table,
)

pytestmark = pytest.mark.skipif(
    not FAMILIES.is_dir(), reason="../shared/data is not next to this clone"
)


@pytest.fixture(scope="module")
def failing() -> dict[str, list[dict[str, str]]]:
    return run(disallowed_samples())


def test_pass_every_disallowed_sample_has_an_expectation() -> None:
    assert sorted(EXPECTED) == disallowed_samples()
    excluded = [s for s, e in EXPECTED.items() if isinstance(e, Excluded)]
    assert len(excluded) <= 2, excluded  # exclusions are the exception, each with its reason


@pytest.mark.parametrize(
    "sample",
    [s for s, e in EXPECTED.items() if isinstance(e, Flagged)],
    ids=lambda s: s.split("/samples/")[-1],
)
def test_deny_disallowed_sample_at_its_field(
    sample: str, failing: dict[str, list[dict[str, str]]]
) -> None:
    expected = EXPECTED[sample]
    assert isinstance(expected, Flagged)
    found = reported(failing[sample], expected.control)
    assert set(expected.pointers) <= found, f"{expected.control} on {sample}: {sorted(found)}"


def test_pass_committed_table_is_current(failing: dict[str, list[dict[str, str]]]) -> None:
    """tests/policies/gatekeeper_pss.md is what `python -m tests.policies.gatekeeper_pss` writes."""
    assert TABLE.read_text(encoding="utf-8") == table(failing)


def test_pass_every_gatekeeper_manifest_is_read() -> None:
    """All 196 manifests of the corpus load and evaluate: findings, yes; errors, none."""
    done = subprocess.run(
        [sys.executable, "-m", "riskreg", "check", "--now", NOW, "-f", "json", str(DATA)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    report = json.loads(done.stdout)
    assert report["errors"] == []
    manifests = [item for item in report["inputs"] if item["kind"] == "manifest"]
    assert len(manifests) == len(list(DATA.rglob("*.yaml"))) == 196
