"""Assessment dates, the fields each treatment decision needs, and entries of one risk."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from riskreg.models.assessment import Assessment, RiskEntry, RiskTreatment

DAY = dt.date(2026, 11, 1)
ACCEPT: dict[str, Any] = {
    "decision": "accept",
    "approver": "ciso@example.com",
    "approved": DAY,
    "expires": dt.date(2027, 5, 1),
    "rationale": "compensating review of every batch",
}


def test_assessment_review_not_before_the_assessment() -> None:
    Assessment(likelihood="likely", impact="major", assessor="ana", date=DAY, next_review=DAY)
    with pytest.raises(ValidationError, match="before date"):
        Assessment(
            likelihood="likely",
            impact="major",
            assessor="ana",
            date=DAY,
            next_review=DAY - dt.timedelta(days=1),
        )


def test_assessment_needs_an_assessor() -> None:
    with pytest.raises(ValidationError, match="assessor"):
        Assessment.model_validate(
            {"likelihood": "rare", "impact": "minor", "date": DAY, "next_review": DAY}
        )


def test_accept_needs_approver_approval_expiry_and_rationale() -> None:
    assert RiskTreatment.model_validate(ACCEPT).expires == dt.date(2027, 5, 1)
    for name in ("approver", "approved", "expires", "rationale"):
        data = {key: value for key, value in ACCEPT.items() if key != name}
        with pytest.raises(ValidationError, match=f"{name}: required when the decision is accept"):
            RiskTreatment.model_validate(data)


def test_accept_cannot_expire_before_approval() -> None:
    with pytest.raises(ValidationError, match="before approved"):
        RiskTreatment.model_validate({**ACCEPT, "expires": DAY - dt.timedelta(days=1)})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"decision": "mitigate"}, "mitigations: required"),
        ({"decision": "transfer", "rationale": "insured"}, "transfer_to: required"),
        ({"decision": "avoid"}, "rationale: required"),
        ({"decision": "mitigate", "mitigations": ["a.m1"], "approver": "x"}, "approver: only"),
        ({"decision": "avoid", "rationale": "r", "expires": DAY}, "expires: only"),
        ({"decision": "mitigate", "mitigations": ["a.m1", "a.m1"]}, "appears twice"),
        ({"decision": "ignore"}, "decision"),
    ],
)
def test_decision_fields(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        RiskTreatment.model_validate(data)


def test_transfer_and_mitigations_with_any_decision() -> None:
    RiskTreatment(decision="transfer", transfer_to="Insurer AG", rationale="cyber policy")  # type: ignore[arg-type]
    RiskTreatment.model_validate({**ACCEPT, "mitigations": ["mit1166.m1"]})


def test_entry_mitigations_belong_to_its_risk() -> None:
    treatment = RiskTreatment.model_validate({"decision": "mitigate", "mitigations": ["b.m1"]})
    with pytest.raises(ValidationError, match="does not belong to risk a"):
        RiskEntry(risk="a", treatment=treatment)
    team = RiskTreatment.model_validate({"decision": "mitigate", "mitigations": ["a.t1"]})
    assert RiskEntry(risk="a", treatment=team).treatment == team
