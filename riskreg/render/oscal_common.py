"""What the OSCAL documents share: stable UUIDs, metadata, back-matter with input hashes, risks."""

from __future__ import annotations

import uuid
from typing import Any

from riskreg.models.coverage import RiskCoverage, RiskStatus
from riskreg.models.finding import Report

OSCAL_VERSION = "1.1.2"
NS = "https://github.com/riskreg/riskreg/ns/oscal"
_ROOT = uuid.UUID("6b1f5a52-6a49-4b8e-9d0c-3c1f1f7e2a10")


def stable_uuid(report: Report, *parts: str) -> str:
    """A UUID derived from the run and a key: the same report gives the same document."""
    seed = "|".join([report.generated_at.isoformat(), report.tool.version, *parts])
    return str(uuid.uuid5(_ROOT, seed))


def prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": value}


def metadata(report: Report, title: str) -> dict[str, Any]:
    return {
        "title": title,
        "last-modified": report.generated_at.isoformat(),
        "version": report.tool.version,
        "oscal-version": OSCAL_VERSION,
        "props": [
            prop("tool", f"riskreg {report.tool.version}"),
            prop("opa-version", report.tool.opa_version or "unknown"),
        ],
    }


def back_matter(report: Report) -> dict[str, Any]:
    """Each input and policy file as a resource with its SHA-256, so an assessor can verify them."""
    resources = [
        {
            "uuid": stable_uuid(report, "input", item.kind, item.path),
            "title": item.path,
            "props": [prop("input-kind", item.kind)],
            "rlinks": [
                {
                    "href": item.path,
                    "hashes": [{"algorithm": "SHA-256", "value": item.sha256}],
                }
            ],
        }
        for item in report.inputs
    ]
    return {"resources": [policy_resource(report), *resources]}


def policy_resource(report: Report) -> dict[str, Any]:
    """The control catalogue as the assessment plan the results refer to."""
    return {
        "uuid": stable_uuid(report, "plan"),
        "title": "riskreg control catalogue (Rego METADATA)",
        "description": ", ".join(control.id for control in report.controls) or "no controls",
    }


def oscal_risk(report: Report, risk: RiskCoverage) -> dict[str, Any]:
    """An MIT risk as an OSCAL risk: open unless every mitigation is verified or attested."""
    props = [prop("coverage-status", risk.status.value), prop("mit-risk-id", risk.id)]
    if risk.domain:
        props.append(prop("mit-domain", risk.domain))
    if risk.subdomain:
        props.append(prop("mit-subdomain", risk.subdomain))
    return {
        "uuid": stable_uuid(report, "risk", risk.id),
        "title": f"{risk.id}: {risk.title}",
        "description": risk.description or risk.title,
        "statement": "; ".join(risk.reasons) or f"{risk.id} is {risk.status.value}",
        "props": props,
        "status": "closed" if risk.status is RiskStatus.COVERED else "open",
    }
