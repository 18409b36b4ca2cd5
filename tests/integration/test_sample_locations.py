"""Every noncompliant sample's expected positions, written in the sample itself, against riskreg.

A sample marks each line where riskreg must report with a trailing comment
`# riskreg-expect: <CONTROL-ID>` (`// riskreg-expect: ...` in JSONC samples); contract §4. The
expectations come from the sample's author, not from riskreg's output: for every marker there must
be a failing finding of that control at that file and line, and every failing finding of the
sample's own control must sit on a marked line.
"""

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
SAMPLES = sorted(
    path
    for pattern in ("*/*/samples/noncompliant*.yaml", "*/*/samples/noncompliant*.json")
    for path in POLICIES.glob(pattern)
)
MARKER = re.compile(
    r"(?:#|//)\s*riskreg-expect:\s*([A-Z][A-Z0-9]*-[0-9]{3}(?:\s*,\s*[A-Z][A-Z0-9]*-[0-9]{3})*)"
)
NOW = "2026-06-01T00:00:00+00:00"
Failures = dict[str, set[tuple[str, int | None]]]  # file -> {(control, line)}


def _rel(path: Path) -> str:
    return path.relative_to(REPO).as_posix()


def markers(sample: Path) -> set[tuple[str, int]]:
    """(control id, 1-based line) of every marker comment in the sample."""
    found: set[tuple[str, int]] = set()
    for number, line in enumerate(sample.read_text(encoding="utf-8").splitlines(), start=1):
        match = MARKER.search(line)
        if match:
            found.update((control.strip(), number) for control in match.group(1).split(","))
    return found


@pytest.fixture(scope="session")
def failures() -> Failures:
    """file -> (control, line) of every failing finding, from one real `riskreg check -f json`."""
    done = subprocess.run(
        [sys.executable, "-m", "riskreg", "check", "--now", NOW, "-f", "json", *map(_rel, SAMPLES)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    table: Failures = defaultdict(set)
    for finding in json.loads(done.stdout)["findings"]:
        if finding["outcome"] == "fail" and finding.get("file"):
            table[finding["file"]].add((finding["control_id"], finding.get("line")))
    return table


@pytest.fixture(scope="session")
def control_of_folder(opa: OpaBinary) -> dict[str, str]:
    catalog = load_catalog(opa, POLICIES)
    return {str(Path(control.file).parent): control.id for control in catalog.controls}


def test_markers_are_read() -> None:
    """The marker reader itself: both comment styles, several ids on one line."""
    assert MARKER.search("  privileged: true  # riskreg-expect: ISO-002").group(1) == "ISO-002"  # type: ignore[union-attr]
    assert MARKER.search('"args": ["x"], // riskreg-expect: MCP-001, MCP-002').group(1) == (  # type: ignore[union-attr]
        "MCP-001, MCP-002"
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: _rel(path).removeprefix("policies/"))
def test_findings_are_where_the_sample_says(
    sample: Path, failures: Failures, control_of_folder: dict[str, str]
) -> None:
    expected = markers(sample)
    if not expected:
        pytest.skip(
            "no `riskreg-expect:` markers in this sample yet (the control rewrite adds them)"
        )
    owner = control_of_folder[str(sample.parent.parent.relative_to(POLICIES))]
    found = failures.get(_rel(sample), set())
    missing = sorted(marker for marker in expected if marker not in found)
    assert not missing, (
        f"no failing finding at these marked (control, line)s; found {sorted(found, key=str)}"
    )
    unmarked = sorted(
        (control, line)
        for control, line in found
        if control == owner and (control, line) not in expected
    )
    assert not unmarked, f"{owner} failed on lines the sample does not mark: {unmarked}"
