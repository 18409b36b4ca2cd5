"""OSCAL Plan of Action and Milestones: one item per failing or uncovered mitigation."""

from __future__ import annotations

import json
from typing import Any

from riskreg.models.assurance import Assurance
from riskreg.models.coverage import Gap, RiskCoverage
from riskreg.models.finding import Report
from riskreg.render.oscal_common import (
    back_matter,
    local_definitions,
    metadata,
    oscal_risk,
    prop,
    stable_uuid,
)

# Attested mitigations rest on a declaration (a self-declared field or a person's attestation);
# the plan lists what fails or is missing, and the assessment results carry the attested ones.
_NEEDS_ACTION = (Assurance.FAILING, Assurance.GAP)


def _item(report: Report, gap: Gap) -> dict[str, Any]:
    key = gap.mitigation_id or gap.risk_id
    what = f"{gap.mitigation_id} {gap.mitigation_title}" if gap.mitigation_id else "a mitigation"
    verb = "Fix the failing controls of" if gap.status is Assurance.FAILING else "Enforce"
    return {
        "uuid": stable_uuid(report, "poam-item", key),
        "title": f"{verb} {what} ({gap.risk_id})",
        "description": "; ".join(gap.reasons) or f"{key} is {gap.status.value}",
        "props": [prop("mitigation-status", gap.status.value), prop("mit-risk-id", gap.risk_id)],
        "related-risks": [{"risk-uuid": stable_uuid(report, "risk", gap.risk_id)}],
    }


def _nothing_to_do(report: Report) -> dict[str, Any]:
    # OSCAL requires at least one item; say explicitly that nothing needs remediation.
    return {
        "uuid": stable_uuid(report, "poam-item", "none"),
        "title": "No failing or uncovered mitigations",
        "description": f"Nothing to remediate as of {report.generated_at.isoformat()}.",
    }


def document(report: Report) -> dict[str, Any]:
    """The POA&M as a JSON-ready dict."""
    gaps = [g for g in report.coverage.gaps if g.status in _NEEDS_ACTION] if report.coverage else []
    wanted = {gap.risk_id for gap in gaps}
    risks: list[RiskCoverage] = [
        risk for risk in (report.coverage.risks if report.coverage else []) if risk.id in wanted
    ]
    poam: dict[str, Any] = {
        "uuid": stable_uuid(report, "poam"),
        "metadata": metadata(report, "riskreg plan of action and milestones"),
        "system-id": {
            "identifier-type": "http://ietf.org/rfc/rfc4122",
            "id": stable_uuid(report, "system"),
        },
    }
    if report.coverage is not None and report.coverage.systems is not None:
        poam["local-definitions"] = local_definitions(report)
    if risks:
        poam["risks"] = [oscal_risk(report, risk) for risk in risks]
    poam["poam-items"] = [_item(report, gap) for gap in gaps] or [_nothing_to_do(report)]
    poam["back-matter"] = back_matter(report)
    return {"plan-of-action-and-milestones": poam}


def render(report: Report) -> str:
    return json.dumps(document(report), indent=2, ensure_ascii=False) + "\n"
