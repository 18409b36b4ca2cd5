"""What the OSCAL documents share: stable UUIDs, metadata, back-matter with input hashes, risks
with each AI system's likelihood and impact as characterizations."""

from __future__ import annotations

import uuid
from typing import Any

from riskreg.models.assurance import RiskStatus
from riskreg.models.coverage import RiskCoverage
from riskreg.models.finding import Report
from riskreg.models.posture import SystemCoverage, SystemRisk

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
    data: dict[str, Any] = {
        "title": title,
        "last-modified": report.generated_at.isoformat(),
        "version": report.tool.version,
        "oscal-version": OSCAL_VERSION,
        "props": [
            prop("tool", f"riskreg {report.tool.version}"),
            prop("opa-version", report.tool.opa_version or "unknown"),
            *pack_props(report),
        ],
    }
    assessors = sorted({pair.assessor for _, pair in _assessed(report) if pair.assessor})
    if assessors:
        data["parties"] = [
            {"uuid": stable_uuid(report, "party", name), "type": "person", "name": name}
            for name in assessors
        ]
    return data


def pack_props(report: Report) -> list[dict[str, str]]:
    """The control pack that ran, its digest and signature, as metadata properties."""
    pack = report.control_pack
    if pack is None:
        return []
    props = [
        prop("control-pack", pack.path),
        prop("control-pack-revision", pack.revision),
        prop("control-pack-sha256", pack.sha256),
        prop("control-pack-signature", pack.signature.value),
        prop("control-pack-allow-unsigned", str(pack.allow_unsigned).lower()),
    ]
    if pack.key_id:
        props.append(prop("control-pack-key-id", pack.key_id))
    if pack.problem:
        props.append(prop("control-pack-problem", pack.problem))
    props += [prop(f"pack-addition-{item.kind}", item.sha256) for item in pack.additions]
    return props


def local_definitions(report: Report) -> dict[str, Any]:
    """riskreg as the tool component that computed residual risk (an origin of characterizations)."""
    return {
        "components": [
            {
                "uuid": stable_uuid(report, "tool"),
                "type": "software",
                "title": f"riskreg {report.tool.version}",
                "description": "Computes residual risk per AI system from the assurance of the "
                "mitigations that OPA-evaluated controls verified on the system's targets",
                "status": {"state": "operational"},
            }
        ]
    }


def _assessed(report: Report) -> list[tuple[SystemCoverage, SystemRisk]]:
    section = report.coverage.systems if report.coverage else None
    if section is None:
        return []
    return [
        (item, pair)
        for item in section.systems
        for pair in item.risks
        if pair.in_scope and pair.inherent is not None
    ]


def _facet(name: str, value: str) -> dict[str, str]:
    return {"name": name, "system": NS, "value": value}


def characterizations(report: Report, risk_id: str) -> list[dict[str, Any]]:
    """Per AI system that assessed the risk: the assessor's inherent likelihood, impact and level,
    and riskreg's residual ones with the appetite and whether it is acceptable."""
    found: list[dict[str, Any]] = []
    for item, pair in _assessed(report):
        if pair.risk != risk_id:
            continue
        assert pair.assessor and pair.likelihood and pair.impact and pair.inherent
        assert pair.residual_likelihood and pair.residual_impact and pair.residual
        acceptable = "no" if pair.breach else "accepted" if pair.above_appetite else "yes"
        found += [
            {
                "props": [prop("ai-system", item.id), prop("assessment", "inherent")],
                "origin": {
                    "actors": [
                        {"type": "party", "actor-uuid": stable_uuid(report, "party", pair.assessor)}
                    ]
                },
                "facets": [
                    _facet("likelihood", pair.likelihood),
                    _facet("impact", pair.impact),
                    _facet("risk", pair.inherent),
                ],
            },
            {
                "props": [prop("ai-system", item.id), prop("assessment", "residual")],
                "origin": {"actors": [{"type": "tool", "actor-uuid": stable_uuid(report, "tool")}]},
                "facets": [
                    _facet("likelihood", pair.residual_likelihood),
                    _facet("impact", pair.residual_impact),
                    _facet("risk", pair.residual),
                    _facet("appetite", pair.appetite),
                    _facet("acceptable", acceptable),
                ],
            },
        ]
    return found


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
    shaped: dict[str, Any] = {
        "uuid": stable_uuid(report, "risk", risk.id),
        "title": f"{risk.id}: {risk.title}",
        "description": risk.description or risk.title,
        "statement": "; ".join(risk.reasons) or f"{risk.id} is {risk.status.value}",
        "props": props,
        "status": "closed" if risk.status is RiskStatus.COVERED else "open",
    }
    found = characterizations(report, risk.id)
    if found:
        shaped["characterizations"] = found
    return shaped
