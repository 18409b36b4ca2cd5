"""Overdue reviews and acceptance expiry, on the waivers' states and warning window."""

from __future__ import annotations

import datetime as dt

from riskreg.models.workflow import WaiverState
from riskreg.register.review import acceptance_statuses, acceptance_warnings, overdue_reviews

from .systems_data import COMMITTED, load_all

REVIEW_DUE = dt.date(2027, 5, 20)  # next_review of every example assessment
EXPIRES = dt.date(2027, 8, 19)  # the public-chat-api acceptance


def test_no_review_is_overdue_on_its_due_day() -> None:
    _, _, systems = load_all(COMMITTED)
    assert overdue_reviews(systems, REVIEW_DUE) == []


def test_overdue_reviews_most_overdue_first() -> None:
    _, _, systems = load_all(COMMITTED)
    overdue = overdue_reviews(systems, REVIEW_DUE + dt.timedelta(days=3))
    assert len(overdue) == 7
    assert {item.days_overdue for item in overdue} == {3}
    assert [(o.system, o.risk) for o in overdue][:2] == [
        ("browsing-agent", "mit1158"),
        ("browsing-agent", "mit1163"),
    ]
    assert overdue[0].assessor == "risk-office@example.com"


def test_acceptance_states_and_warnings() -> None:
    _, _, systems = load_all(COMMITTED)
    cases = {
        EXPIRES - dt.timedelta(days=30): (WaiverState.ACTIVE, []),
        EXPIRES - dt.timedelta(days=14): (WaiverState.EXPIRING, ["expires 2027-08-19 (in 14 days"]),
        EXPIRES: (WaiverState.EXPIRING, ["in 0 days"]),
        EXPIRES + dt.timedelta(days=1): (WaiverState.EXPIRED, ["expired 2027-08-19 and no longer"]),
    }
    for day, (state, texts) in cases.items():
        [status] = acceptance_statuses(systems, day)
        assert (status.system, status.risk, status.state) == ("public-chat-api", "mit1166", state)
        lines = acceptance_warnings([status])
        assert len(lines) == len(texts)
        for line, text in zip(lines, texts, strict=True):
            assert text in line and "ciso@example.com" in line
    [status] = acceptance_statuses(systems, EXPIRES - dt.timedelta(days=30), warn_days=30)
    assert status.state is WaiverState.EXPIRING
