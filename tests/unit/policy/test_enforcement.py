"""Enforcement actions and the require-verified gate, on findings built by hand."""

from __future__ import annotations

from riskreg.models.control import Control, Severity
from riskreg.models.finding import Finding, Outcome
from riskreg.policy.enforcement import action_of, apply_enforcement, with_actions
from riskreg.policy.verified import attested_only


def _control(cid: str, mitigates: list[str]) -> Control:
    return Control(
        id=cid, title=cid, description=cid, severity=Severity.HIGH, mitigates=mitigates,
        kinds=["*"], package=f"riskreg.x.{cid.lower().replace('-', '_')}", file="x.rego",
    )  # fmt: skip


def _finding(cid: str, outcome: Outcome, assurance: str | None = None) -> Finding:
    return Finding(
        control_id=cid, target="t", outcome=outcome, severity=Severity.HIGH,
        mitigation_ids=[], risk_ids=[], message="m", assurance=assurance,
    )  # fmt: skip


def test_pass_exact_id_beats_glob_and_longest_glob_wins() -> None:
    table = {"NET-*": "warn", "NET-00*": "off", "NET-003": "deny"}
    assert action_of("NET-003", table) == "deny"
    assert action_of("NET-004", table) == "off"
    assert action_of("NET-010", table) == "warn"
    assert action_of("ISO-001", table) == "deny"


def test_pass_warn_mode_demotes_failures_and_off_drops_findings() -> None:
    controls = with_actions([_control("A-001", ["r.m1"]), _control("B-001", ["r.m2"])],
                            {"A-001": "warn", "B-001": "off"})  # fmt: skip
    kept = apply_enforcement(
        [_finding("A-001", Outcome.FAIL), _finding("A-001", Outcome.PASS, "verified"),
         _finding("B-001", Outcome.FAIL)],
        controls,
    )  # fmt: skip
    assert [(f.control_id, f.outcome, f.enforcement) for f in kept] == [
        ("A-001", Outcome.WARN, "warn"),
        ("A-001", Outcome.PASS, None),
    ]


def test_deny_attested_only_mitigations_are_named() -> None:
    controls = [_control("A-001", ["r.m1"]), _control("K-001", ["r.m1", "r.m2"]),
                _control("D-001", ["r.m3"])]  # fmt: skip
    findings = [
        _finding("A-001", Outcome.PASS, "attested"),
        _finding("K-001", Outcome.SKIP),
        _finding("D-001", Outcome.PASS, "attested"),
    ]
    failures = attested_only(findings, controls)
    assert [line.split()[0] for line in failures] == ["r.m1", "r.m3"]
    assert "A-001 passed on self-declared fields" in failures[0]


def test_pass_a_verified_pass_or_a_failure_is_not_attested_only() -> None:
    controls = [_control("A-001", ["r.m1"]), _control("K-001", ["r.m1"]),
                _control("F-001", ["r.m2"]), _control("W-001", ["r.m2"])]  # fmt: skip
    findings = [
        _finding("A-001", Outcome.PASS, "attested"),
        _finding("K-001", Outcome.PASS, "verified"),
        _finding("F-001", Outcome.PASS, "attested"),
        _finding("W-001", Outcome.WARN).model_copy(update={"enforcement": "warn"}),
    ]
    assert attested_only(findings, controls) == []
