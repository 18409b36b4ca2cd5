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
    # mit9999 is in no system's scope: an unassessed count, not an OSCAL risk
    assert {risk.title.split(":")[0] for risk in result.risks or []} == {
        "mit1158",
        "mit1163",
        "mit1166",
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
    assert len(titles) == 3  # 1 failing + 2 gaps; the declared mitigation needs no action


def test_poam_without_gaps_is_still_valid(report: Report) -> None:
    from trestle.oscal.poam import PlanOfActionAndMilestones

    bare = report.model_copy(update={"coverage": None})
    document = json.loads(oscal_poam.render(bare))["plan-of-action-and-milestones"]
    parsed = PlanOfActionAndMilestones.model_validate(document)
    assert parsed.poam_items[0].title == "No failing or uncovered mitigations"


def test_risks_carry_likelihood_and_impact_as_characterizations(report: Report) -> None:
    from trestle.oscal.assessment_results import AssessmentResults

    document = json.loads(oscal.render(report))["assessment-results"]
    result = AssessmentResults.model_validate(document).results[0]
    [risk] = [r for r in result.risks or [] if r.title.startswith("mit1166")]
    facets = {
        (
            next(p.value for p in c.props or [] if p.name == "ai-system"),
            next(p.value for p in c.props or [] if p.name == "assessment"),
        ): {f.name: f.value for f in c.facets}
        for c in risk.characterizations or []
    }
    assert facets[("chat", "inherent")] == {
        "likelihood": "likely",
        "impact": "major",
        "risk": "high",
    }
    residual = facets[("chat", "residual")]
    assert residual["risk"] == "high" and residual["acceptable"] == "accepted"
    [party] = document["metadata"]["parties"]
    inherent = next(
        c for c in risk.characterizations or [] if c.origin.actors[0].type.value == "party"
    )
    assert inherent.origin.actors[0].actor_uuid == party["uuid"]
    tool = document["results"][0]["local-definitions"]["components"][0]["uuid"]
    residual_origin = next(
        c for c in risk.characterizations or [] if c.origin.actors[0].type.value == "tool"
    )
    assert residual_origin.origin.actors[0].actor_uuid == tool


def test_poam_risks_carry_characterizations_too(report: Report) -> None:
    from trestle.oscal.poam import PlanOfActionAndMilestones

    document = json.loads(oscal_poam.render(report))["plan-of-action-and-milestones"]
    parsed = PlanOfActionAndMilestones.model_validate(document)
    assert all(risk.characterizations for risk in parsed.risks or [])
