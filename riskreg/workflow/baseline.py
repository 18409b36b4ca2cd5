"""Baselines: the failures a team already knows about, so the gate fails only on new ones."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from riskreg.models.finding import Finding, Outcome
from riskreg.models.workflow import Baseline, BaselineEntry, BaselineInfo, FindingKey, finding_key
from riskreg.workflow.files import read_model

_STILL_FAILING = (Outcome.FAIL, Outcome.WAIVED)


def entry_of(finding: Finding) -> BaselineEntry:
    """The stable identity of a finding: control, target, resource, path; never the message."""
    return BaselineEntry(
        control_id=finding.control_id,
        target=finding.target,
        resource=finding.resource,
        path=finding.path,
    )


def key_of(finding: Finding) -> FindingKey:
    return finding_key(finding)


def build_baseline(findings: list[Finding], generated_at: dt.datetime) -> Baseline:
    """A baseline of every failing finding (waived ones too, so an expiring waiver stays known)."""
    entries = {key_of(f): entry_of(f) for f in findings if f.outcome in _STILL_FAILING}
    return Baseline(generated_at=generated_at, entries=[entries[k] for k in sorted(entries)])


def baseline_text(baseline: Baseline) -> str:
    """The committed form: stable JSON, one entry per line block, sorted by key."""
    return json.dumps(baseline.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"


def load_baseline(path: Path) -> Baseline:
    return read_model(path, Baseline)


def apply_baseline(findings: list[Finding], baseline: Baseline, file: str) -> BaselineInfo:
    """Split current failures into new and known, and list baseline entries no longer failing."""
    known_keys = {entry.key for entry in baseline.entries}
    current = {key_of(f): entry_of(f) for f in findings if f.outcome in _STILL_FAILING}
    failing = {key_of(f): entry_of(f) for f in findings if f.outcome is Outcome.FAIL}
    return BaselineInfo(
        file=file,
        new=[entry for key, entry in sorted(failing.items()) if key not in known_keys],
        known=[entry for key, entry in sorted(failing.items()) if key in known_keys],
        fixed=[entry for entry in baseline.entries if entry.key not in current],
    )
