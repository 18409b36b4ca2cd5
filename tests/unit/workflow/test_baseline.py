"""Baselines: keyed on control/target/resource/path, never on the message; new, known, fixed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from riskreg.models.control import Severity
from riskreg.models.finding import Outcome
from riskreg.policy.report import gate_passes
from riskreg.workflow.baseline import apply_baseline, baseline_text, build_baseline, load_baseline
from tests.unit.workflow.conftest import finding

NOW = dt.datetime(2026, 1, 10, tzinfo=dt.UTC)


def test_baseline_hides_old_findings_but_not_a_new_one(tmp_path: Path) -> None:
    old = finding()
    path = tmp_path / "baseline.json"
    path.write_text(baseline_text(build_baseline([old, finding(outcome=Outcome.PASS)], NOW)))
    baseline = load_baseline(path)
    assert len(baseline.entries) == 1

    info = apply_baseline([old], baseline, str(path))
    assert gate_passes([old], Severity.LOW, [], info)
    new = finding(resource="Pod/default/p2")
    info = apply_baseline([old, new], baseline, str(path))
    assert (len(info.new), len(info.known), len(info.fixed)) == (1, 1, 0)
    assert not gate_passes([old, new], Severity.LOW, [], info)


def test_message_changes_do_not_make_a_finding_new() -> None:
    baseline = build_baseline([finding(message="NET-001: old words")], NOW)
    info = apply_baseline([finding(message="NET-001: reworded")], baseline, "b.json")
    assert info.new == [] and len(info.known) == 1


def test_fixed_findings_are_reported() -> None:
    baseline = build_baseline([finding(), finding(path="spec.hostPID")], NOW)
    info = apply_baseline([finding()], baseline, "b.json")
    assert [entry.path for entry in info.fixed] == ["spec.hostPID"]


def test_a_waived_finding_is_neither_new_nor_fixed() -> None:
    baseline = build_baseline([finding()], NOW)
    info = apply_baseline([finding(outcome=Outcome.WAIVED)], baseline, "b.json")
    assert (info.new, info.known, info.fixed) == ([], [], [])


def test_baseline_text_is_stable() -> None:
    findings = [finding(target="b"), finding(target="a"), finding(target="a")]
    text = baseline_text(build_baseline(findings, NOW))
    assert text == baseline_text(build_baseline(list(reversed(findings)), NOW))
    assert text.index('"a"') < text.index('"b"')
