"""Build tests/golden/report.fixture.json: a fixed Report (clock, versions, hashes injected), with
two AI systems that show each residual-risk case (above appetite, accepted and expiring, within,
an overdue review, an exclusion, an unowned target, an unassessed risk).

Run once when the Report model gains a field worth showing:
    .venv/bin/python tests/golden/build_fixture.py
then regenerate the golden files (RISKREG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/render).
The fixture holds hostile text on purpose (<script>, formula prefixes, Markdown pipes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from riskreg.coverage.assess import analyse
from riskreg.models.control import Control, Severity
from riskreg.models.criteria import Criteria
from riskreg.models.finding import (
    EvaluatedTarget,
    Finding,
    InputFile,
    Outcome,
    Report,
    Summary,
    ToolInfo,
)
from riskreg.models.gate import Gate
from riskreg.models.provenance_pack import (
    ControlPack,
    PackAddition,
    PackSource,
    SignatureStatus,
)
from riskreg.models.risk import (
    Attestation,
    CausalTaxonomy,
    Coded,
    Domain,
    Mitigation,
    Register,
    Risk,
    Subdomain,
)
from riskreg.models.system import SystemFile
from riskreg.register.posture import Placed
from riskreg.run.systems import SystemsView
from riskreg.run.systems import analyse as analyse_systems

HERE = Path(__file__).resolve().parent
XSS = "<script>alert('xss')</script>"
CAUSAL = CausalTaxonomy(
    entity=Coded(code="2", label="AI"),
    intent=Coded(code="2", label="Unintentional"),
    timing=Coded(code="2", label="Post-deployment"),
)
D7 = Domain(code="7", name="AI System Safety, Failures, & Limitations")
D2 = Domain(code="2", name="Privacy & Security")


def _mitigation(mid: str, title: str, attestation: Attestation | None = None) -> Mitigation:
    return Mitigation(id=mid, title=title, description=f"{title}.", attestation=attestation)


def register() -> Register:
    attested = Attestation(
        by="Ada Governance", date=dt.date(2026, 1, 15), evidence="https://wiki.example/audit-42"
    )
    risks = [
        Risk(
            id="mit1158",
            title="Agency (Self-Proliferation)",
            description="An AI system copies itself.",
            domain=D7,
            subdomain=Subdomain(code="7.2", name="AI possessing dangerous capabilities"),
            causal=CAUSAL,
            mitigations=[
                _mitigation("mit1158.m1", "Capability controls"),
                _mitigation("mit1158.m2", "Resource isolation"),
                _mitigation("mit1158.m3", "Security auditing", attested),
            ],
        ),
        Risk(
            id="mit1163",
            title="Unintended outbound communication by AI systems",
            description="Agents send data outbound in ways nobody intended.",
            domain=D2,
            subdomain=Subdomain(code="2.2", name="AI system security vulnerabilities and attacks"),
            causal=CAUSAL,
            mitigations=[
                _mitigation("mit1163.m1", "Egress allow-listing"),
                _mitigation(
                    "mit1163.m2", '=HYPERLINK("http://evil") least privilege | pipes *and* `ticks`'
                ),
            ],
        ),
        Risk(
            id="mit1166",
            title="Harmful output | pipes *and* `ticks`",
            description=f"Manifest said {XSS}.",
            domain=D7,
            subdomain=Subdomain(code="7.3", name="Lack of capability or robustness"),
            causal=CAUSAL,
            mitigations=[_mitigation("mit1166.m1", "Output filtering")],
        ),
        Risk(id="mit9999", title="A risk nobody mitigates yet"),
    ]
    return Register(risks=risks, version="0123456789ab")


def controls() -> list[Control]:
    def control(
        cid: str, title: str, mitigates: list[str], frameworks: dict[str, list[str]]
    ) -> Control:
        name = title.lower().replace(" ", "_")
        return Control(
            id=cid,
            title=title,
            description=f"{title} on every workload.",
            severity=Severity.HIGH,
            mitigates=mitigates,
            kinds=["Deployment"],
            frameworks=frameworks,
            package=f"riskreg.demo.{name}",
            file=f"demo/{name}/{name}.rego",
        )

    return [
        control("ISO-001", "Sandbox runtime", ["mit1158.m2"], {"eu_ai_act": ["Art. 15"]}),
        control(
            "NET-002",
            "Egress default deny",
            ["mit1163.m1"],
            {"nist_ai_rmf": ["MANAGE 2.4"], "eu_ai_act": ["Art. 15"]},
        ),
        control("FLT-001", "Output filtering", ["mit1166.m1"], {"iso_iec_42001": ["A.6.2.6"]}),
        control("PRO-001", "Self replication limits", ["mit1158.m1"], {}),
    ]


def findings() -> list[Finding]:
    def finding(
        cid: str,
        target: str,
        outcome: Outcome,
        mitigations: list[str],
        message: str,
        resource: str | None = None,
        path: str | None = None,
        place: tuple[int, int] | None = None,
        assurance: str | None = None,
    ) -> Finding:
        return Finding(
            control_id=cid,
            target=target,
            outcome=outcome,
            severity=Severity.HIGH,
            mitigation_ids=mitigations,
            risk_ids=[m.split(".")[0] for m in mitigations],
            message=message,
            resource=resource,
            path=path,
            pointer=path if place else None,
            file=f"{target}/deployment.yaml" if resource else None,
            line=place[0] if place else 3 if resource else None,
            column=place[1] if place else None,
            assurance=assurance,
        )

    agent, chat = AGENT, CHAT
    return sorted(
        [
            finding(
                "FLT-001",
                chat,
                Outcome.PASS,
                ["mit1166.m1"],
                "output filter configured",
                assurance="attested",
            ),
            finding(
                "ISO-001",
                agent,
                Outcome.PASS,
                ["mit1158.m2"],
                "runs in gVisor",
                assurance="verified",
            ),
            finding(
                "ISO-001",
                chat,
                Outcome.PASS,
                ["mit1158.m2"],
                "runs in gVisor",
                assurance="verified",
            ),
            finding(
                "NET-002",
                agent,
                Outcome.FAIL,
                ["mit1163.m1"],
                f"egress open to 0.0.0.0/0 {XSS}",
                f"Deployment/agents/coder{XSS}",
                "/spec/egress",
                (12, 3),
            ),
            finding(
                "NET-002",
                chat,
                Outcome.PASS,
                ["mit1163.m1"],
                "egress denied by default",
                assurance="verified",
            ),
            finding("PRO-001", agent, Outcome.SKIP, ["mit1158.m1"], "no agent workloads"),
        ],
        key=Finding.sort_key,
    )


def inputs() -> list[InputFile]:
    names = [
        ("manifest", "examples/deployments/coding-agent/deployment.yaml"),
        ("policy", "policies/network/egress_default_deny/egress_default_deny.rego"),
        ("register", "risks/domain-7.yaml"),
    ]
    return [
        InputFile(kind=kind, path=path, sha256=hashlib.sha256(path.encode()).hexdigest())
        for kind, path in names
    ]


AGENT, CHAT = "examples/deployments/coding-agent", "examples/deployments/public-chat-api"
TODAY = dt.date(2026, 1, 31)


def _entry(
    risk: str, likelihood: str, impact: str, treatment: dict[str, object]
) -> dict[str, object]:
    return {
        "risk": risk,
        "owner": "team | *pipes*",
        "assessment": {
            "likelihood": likelihood,
            "impact": impact,
            "assessor": "Ada Governance",
            "date": "2025-12-01",
            "next_review": "2026-06-01" if risk != "mit1163" else "2026-01-15",
        },
        "treatment": treatment,
    }


def systems() -> list[SystemFile]:
    """Two systems: the coder (a failing mitigation above appetite, one within it thanks to a
    verified one) and the chat (an acceptance about to expire, an overdue review, an exclusion)."""
    base = {"lifecycle": "operation", "role": "deployer", "appetite": "medium"}
    coder = {
        "system": {
            **base, "id": "coder", "name": "Coding agent", "owner": "team-dev",
            "purpose": f"Writes code; manifest said {XSS}",
            "eu_ai_act": {"classification": "minimal", "rationale": "Internal tool"},
            "evidence": {"deployments": ["dev-tools/coding-agent"]},
        },
        "scope": {"include": ["mit1158", "mit1163"]},
        "risks": [
            _entry("mit1158", "unlikely", "severe", {"decision": "mitigate", "mitigations": ["mit1158.m1", "mit1158.m2"]}),
            _entry("mit1163", "likely", "major", {"decision": "mitigate", "mitigations": ["mit1163.m1"]}),
        ],
    }  # fmt: skip
    chat = {
        "system": {
            **base, "id": "chat", "name": "Public chat", "owner": "team-chat", "appetite": "low",
            "purpose": "Answers the public",
            "eu_ai_act": {"classification": "high-risk", "annex_iii_area": "essential-services",
                          "rationale": "Decides access to a public service"},
            "evidence": {"targets": [CHAT]},
        },
        "scope": {
            "include": ["mit1163", "mit1166"],
            "exclude": [{"risk": "mit9999", "rationale": "Not applicable | *really*"}],
        },
        "risks": [
            _entry("mit1163", "possible", "minor", {"decision": "mitigate", "mitigations": ["mit1163.m1"]}),
            _entry("mit1166", "likely", "major", {
                "decision": "accept", "mitigations": ["mit1166.m1"], "approver": "ciso@example.com",
                "approved": "2026-01-01", "expires": "2026-02-10", "rationale": "Launch first",
            }),
        ],
    }  # fmt: skip
    return [SystemFile.model_validate(item) for item in (coder, chat)]


def with_systems(report: Report) -> Report:
    """The report's coverage per AI system and its residual gate, as `riskreg report` adds them."""
    placed = [
        Placed(item, f"risks/systems/{item.system.id}.yaml", {"mit1163": 20}) for item in systems()
    ]
    view = SystemsView(defined=[p.content for p in placed], placed=placed, criteria=Criteria())
    analysis = analyse_systems(register(), report, view, TODAY, 14)
    return report.model_copy(update={"coverage": analysis.coverage, "residual_gate": analysis.gate})


def build() -> Report:
    found = findings()
    base = Report(
        tool=ToolInfo(version="0.0.0-golden", opa_version="1.22.2", engine="local"),
        generated_at=dt.datetime(2026, 1, 31, 12, 0, tzinfo=dt.UTC),
        fail_on=Severity.LOW,
        passed_gate=False,
        summary=Summary(
            targets=2,
            controls=4,
            by_outcome={"pass": 4, "fail": 1, "warn": 0, "skip": 1, "error": 0},
            failures_by_severity={"low": 0, "medium": 0, "high": 1, "critical": 0},
            errors=0,
        ),
        controls=controls(),
        findings=found,
        inputs=inputs(),
        control_pack=control_pack(),
        decided_by=[Gate.CONTROLS, Gate.RESIDUAL],
        targets=[
            EvaluatedTarget(name=AGENT, deployments=["dev-tools/coding-agent"]),
            EvaluatedTarget(name="examples/deployments/legacy"),
            EvaluatedTarget(name=CHAT, deployments=["chat/public-chat-api"]),
        ],
    )
    return with_systems(base)


def control_pack() -> ControlPack:
    """A signed bundle that verified, with a params override outside it."""
    return ControlPack(
        source=PackSource.BUNDLE,
        path="riskreg-bundle.tar.gz",
        revision=hashlib.sha256(b"policies").hexdigest(),
        sha256=hashlib.sha256(b"bundle").hexdigest(),
        signature=SignatureStatus.VERIFIED,
        key_id="sha256:0123456789abcdef",
        algorithm="ES256",
        additions=[
            PackAddition(
                kind="params", path="team-params.yaml", sha256=hashlib.sha256(b"p").hexdigest()
            )
        ],
    )


def build_without_systems() -> Report:
    """The same run with the global coverage only (as a register without systems had it)."""
    base = build()
    _, coverage = analyse(register(), base)
    return base.model_copy(update={"coverage": coverage, "residual_gate": None})


if __name__ == "__main__":
    (HERE / "report.fixture.json").write_text(
        build().model_dump_json(indent=2, exclude_defaults=True) + "\n"
    )
