"""OSCAL Assessment Results and POA&M validate against compliance-trestle's OSCAL models, offline."""

from __future__ import annotations

import json

from riskreg.models.finding import Report
from riskreg.render import oscal, oscal_poam


def test_assessment_results_are_valid_oscal(report: Report) -> None:
    from trestle.oscal.assessment_results import AssessmentResults

    document = json.loads(oscal.render(report))["assessment-results"]
    parsed = AssessmentResults.model_validate(document)
    result = parsed.results[0]
    assert {risk.title.split(":")[0] for risk in result.risks or []} == {
        "mit1158",
        "mit1163",
        "mit1166",
        "mit9999",
    }
    failing = [f for f in result.findings or [] if f.target.status.state.value == "not-satisfied"]
    assert [f.target.target_id for f in failing] == ["NET-002"]


def test_assessment_results_carry_input_hashes(report: Report) -> None:
    document = json.loads(oscal.render(report))["assessment-results"]
    hashes = [
        link["hashes"][0]["value"]
        for resource in document["back-matter"]["resources"]
        for link in resource.get("rlinks", [])
    ]
    assert hashes == [item.sha256 for item in report.inputs]


def test_poam_is_valid_oscal_and_lists_failing_and_uncovered_items(report: Report) -> None:
    from trestle.oscal.poam import PlanOfActionAndMilestones

    document = json.loads(oscal_poam.render(report))["plan-of-action-and-milestones"]
    parsed = PlanOfActionAndMilestones.model_validate(document)
    titles = [item.title for item in parsed.poam_items]
    assert titles[0].startswith("Fix the failing controls of mit1163.m1")
    assert len(titles) == 4  # 1 failing + 3 gaps; the declared mitigation needs no action


def test_poam_without_gaps_is_still_valid(report: Report) -> None:
    from trestle.oscal.poam import PlanOfActionAndMilestones

    bare = report.model_copy(update={"coverage": None})
    document = json.loads(oscal_poam.render(bare))["plan-of-action-and-milestones"]
    parsed = PlanOfActionAndMilestones.model_validate(document)
    assert parsed.poam_items[0].title == "No failing or uncovered mitigations"
