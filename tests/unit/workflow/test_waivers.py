"""Waivers: matching, expiry states, warnings, and invalid files (exit 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from riskreg.errors import ExitCode, InvalidInputError
from riskreg.models.finding import Outcome
from riskreg.models.workflow import WaiverState
from riskreg.workflow.waivers import (
    apply_waivers,
    default_waivers_path,
    load_waivers,
    waiver_state,
    waiver_warnings,
)
from tests.unit.workflow.conftest import finding, waiver

TODAY = dt.date(2026, 1, 10)


def test_active_waiver_turns_a_failure_into_waived() -> None:
    findings, statuses = apply_waivers([finding()], [waiver()], TODAY)
    assert [f.outcome for f in findings] == [Outcome.WAIVED]
    assert statuses[0].state is WaiverState.ACTIVE
    assert statuses[0].matched == 1


@pytest.mark.parametrize("outcome", [Outcome.WARN, Outcome.ERROR, Outcome.PASS, Outcome.SKIP])
def test_only_failures_are_waived(outcome: Outcome) -> None:
    findings, statuses = apply_waivers([finding(outcome=outcome)], [waiver()], TODAY)
    assert findings[0].outcome is outcome
    assert statuses[0].matched == 0


@pytest.mark.parametrize(
    ("fields", "waived"),
    [
        ({"control": "NET-*"}, True),
        ({"control": "NET-002"}, False),
        ({"target": "other/*"}, False),
        ({"resource": "Pod/default/*"}, True),
        ({"resource": "Deployment/*"}, False),
    ],
)
def test_patterns_match_control_target_and_resource(fields: dict[str, str], waived: bool) -> None:
    findings, _ = apply_waivers([finding()], [waiver(**fields)], TODAY)
    assert (findings[0].outcome is Outcome.WAIVED) is waived


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (dt.date(2026, 2, 14), WaiverState.ACTIVE),  # 15 days left
        (dt.date(2026, 2, 15), WaiverState.EXPIRING),  # 14 days left
        (dt.date(2026, 3, 1), WaiverState.EXPIRING),  # last day still applies
        (dt.date(2026, 3, 2), WaiverState.EXPIRED),
    ],
)
def test_expiry_states(today: dt.date, state: WaiverState) -> None:
    assert waiver_state(waiver(), today) is state


def test_expired_waiver_no_longer_applies_and_is_reported() -> None:
    findings, statuses = apply_waivers([finding()], [waiver()], dt.date(2026, 3, 2))
    assert findings[0].outcome is Outcome.FAIL
    assert statuses[0].state is WaiverState.EXPIRED
    assert "expired 2026-03-01" in waiver_warnings(statuses)[0]


def test_expiring_waiver_warns_with_days_left() -> None:
    _, statuses = apply_waivers([finding()], [waiver()], dt.date(2026, 2, 20), warn_days=14)
    assert waiver_warnings(statuses) == [
        "warning: waiver NET-001 on deploy/* expires 2026-03-01 (in 9 days; approver alice@example.com)"
    ]


def test_first_matching_waiver_takes_the_finding() -> None:
    _, statuses = apply_waivers([finding()], [waiver(), waiver(control="NET-*")], TODAY)
    assert [s.matched for s in statuses] == [1, 0]


@pytest.mark.parametrize("missing", ["approver", "expires"])
def test_waiver_without_approver_or_expiry_is_invalid_input(tmp_path: Path, missing: str) -> None:
    lines = {
        "control": "NET-001",
        "reason": "x",
        "approver": "bob",
        "created": "2026-01-01",
        "expires": "2026-02-01",
    }
    del lines[missing]
    body = "\n".join(f"    {key}: {value}" for key, value in lines.items())
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers:\n  - " + body.lstrip() + "\n")
    with pytest.raises(InvalidInputError) as caught:
        load_waivers(path)
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    assert f"waivers.0.{missing}: Field required" in caught.value.message


def test_expiry_before_creation_is_invalid(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(
        "waivers:\n  - {control: NET-001, reason: r, approver: a, created: 2026-02-01, "
        "expires: 2026-01-01}\n"
    )
    with pytest.raises(InvalidInputError, match="before created"):
        load_waivers(path)


def test_unknown_field_and_bad_yaml_are_invalid(tmp_path: Path) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text("waivers: [\n")
    with pytest.raises(InvalidInputError, match="not valid YAML"):
        load_waivers(path)
    path.write_text("waivers:\n  - {control: NET-001, colour: red}\n")
    with pytest.raises(InvalidInputError, match="colour"):
        load_waivers(path)


def test_default_waivers_path_only_when_the_file_exists(tmp_path: Path) -> None:
    assert default_waivers_path(tmp_path) is None
    (tmp_path / "waivers.yaml").write_text("waivers: []\n")
    assert default_waivers_path(tmp_path) == tmp_path / "waivers.yaml"
