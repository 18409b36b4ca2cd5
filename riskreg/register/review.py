"""What is due: overdue assessment reviews, and acceptances expiring soon or expired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from riskreg.models.posture import AcceptanceState, ReviewDue
from riskreg.models.risk import Treatment
from riskreg.models.system import SystemFile
from riskreg.models.workflow import DEFAULT_WARN_DAYS, WaiverState, expiry_state


def overdue_reviews(systems: Iterable[SystemFile], now: dt.date) -> list[ReviewDue]:
    """Assessments due before `now`, most overdue first."""
    found = [
        ReviewDue(
            system=item.system.id,
            risk=entry.risk,
            due=entry.assessment.next_review,
            days_overdue=(now - entry.assessment.next_review).days,
            assessor=entry.assessment.assessor,
        )
        for item in systems
        for entry in item.risks
        if entry.assessment is not None and entry.assessment.next_review < now
    ]
    return sorted(found, key=lambda review: (-review.days_overdue, review.system, review.risk))


def acceptance_statuses(
    systems: Iterable[SystemFile], today: dt.date, warn_days: int = DEFAULT_WARN_DAYS
) -> list[AcceptanceState]:
    """Every acceptance with its state: active, expiring (within `warn_days`) or expired."""
    statuses = []
    for item in systems:
        for entry in item.risks:
            treatment = entry.treatment
            if treatment is None or treatment.decision is not Treatment.ACCEPT:
                continue
            assert treatment.expires is not None and treatment.approver is not None
            statuses.append(
                AcceptanceState(
                    system=item.system.id,
                    risk=entry.risk,
                    approver=treatment.approver,
                    expires=treatment.expires,
                    state=expiry_state(treatment.expires, today, warn_days),
                    days_left=(treatment.expires - today).days,
                )
            )
    return statuses


def acceptance_warnings(statuses: Iterable[AcceptanceState]) -> list[str]:
    """One stderr line per acceptance that expires soon or has expired (as for waivers)."""
    lines = []
    for status in statuses:
        label = f"acceptance of {status.risk} for {status.system}"
        if status.state is WaiverState.EXPIRING:
            lines.append(
                f"warning: {label} expires {status.expires} "
                f"(in {status.days_left} days; approver {status.approver})"
            )
        elif status.state is WaiverState.EXPIRED:
            lines.append(
                f"warning: {label} expired {status.expires} and no longer counts "
                f"(approver {status.approver})"
            )
    return lines
