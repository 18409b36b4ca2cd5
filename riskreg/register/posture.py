"""One AI system's posture: its in-scope risks scored before and after the measures its own targets
verify, its exclusions and heat maps; pure, given each risk's coverage on the system's targets."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from riskreg.models.assessment import RiskEntry
from riskreg.models.assurance import Assurance, RiskStatus
from riskreg.models.coverage import MitigationCoverage, RiskCoverage
from riskreg.models.criteria import Criteria, Scale
from riskreg.models.posture import (
    ExcludedRisks,
    MitigationState,
    SystemCoverage,
    SystemRisk,
    SystemSummary,
)
from riskreg.models.risk import Register, Risk
from riskreg.models.scope import Exclusion
from riskreg.models.system import SystemFile
from riskreg.register.residual import acceptance_valid, inherent, position
from riskreg.register.scope import IMPLICIT_ID, UNCLASSIFIED
from riskreg.register.systems import LoadedSystem


@dataclass(frozen=True)
class Placed:
    """A system as read: its content, its file (None for the implicit one) and entry lines."""

    content: SystemFile
    file: str | None = None
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.content.system.id


def placed(loaded: LoadedSystem) -> Placed:
    """A system file as read, with the line of each risk entry when known."""
    lines: dict[str, int] = {}
    for index, entry in enumerate(loaded.content.risks):
        line = loaded.document.line_of(("risks", index)) if loaded.document else None
        if line is not None:
            lines[entry.risk] = line
    return Placed(loaded.content, str(loaded.path), lines)


def system_posture(
    placed: Placed,
    register: Register,
    criteria: Criteria,
    covered: Mapping[str, RiskCoverage],
    targets: Collection[str],
    today: dt.date,
) -> SystemCoverage:
    """The posture of one system; `covered` holds its in-scope risks' coverage on its targets."""
    content = placed.content
    entries = {entry.risk: entry for entry in content.risks}
    pairs = [
        _pair(placed, covered[risk_id], entries.get(risk_id), criteria, today)
        for risk_id in covered
    ]
    pairs += _excluded_pairs(content, register)
    scoped = [pair for pair in pairs if pair.in_scope]
    system, act = content.system, content.system.eu_ai_act
    return SystemCoverage(
        id=system.id,
        name=system.name,
        purpose=system.purpose,
        owner=system.owner,
        lifecycle=system.lifecycle.value,
        role=system.role.value,
        classification=act.classification.value if act else UNCLASSIFIED,
        annex_iii_area=act.annex_iii_area.value if act and act.annex_iii_area else None,
        classification_rationale=act.rationale if act else None,
        appetite=system.appetite,
        implicit=placed.file is None and system.id == IMPLICIT_ID,
        file=placed.file,
        deployments=list(system.evidence.deployments),
        target_patterns=list(system.evidence.targets),
        targets=sorted(targets),
        in_scope=len(scoped),
        not_assessed=[pair.risk for pair in scoped if pair.inherent is None],
        risks_by_status=_count((pair.status for pair in scoped), RiskStatus),
        mitigations_by_status=_count((m.status for p in scoped for m in p.mitigations), Assurance),
        inherent_by_level=_levels(criteria.scale, [pair.inherent for pair in scoped]),
        residual_by_level=_levels(criteria.scale, [pair.residual for pair in scoped]),
        inherent_map=_heat(criteria.scale, [(p.likelihood, p.impact) for p in scoped]),
        residual_map=_heat(
            criteria.scale, [(p.residual_likelihood, p.residual_impact) for p in scoped]
        ),
        breaches=[pair.risk for pair in scoped if pair.breach],
        excluded=excluded_counts(content, register),
        risks=pairs,
    )


def _pair(
    placed: Placed,
    covered: RiskCoverage,
    entry: RiskEntry | None,
    criteria: Criteria,
    today: dt.date,
) -> SystemRisk:
    content = placed.content
    states = {m.id: m.status for m in covered.mitigations}
    where = position(content, entry, states, criteria, today) if entry else None
    treatment = entry.treatment if entry else None
    assessment = entry.assessment if entry else None
    relied = set(treatment.mitigations) if treatment else set()
    return SystemRisk(
        system=content.system.id,
        risk=covered.id,
        title=covered.title,
        subdomain=covered.subdomain,
        line=placed.lines.get(covered.id),
        owner=entry.owner if entry else None,
        likelihood=assessment.likelihood if assessment else None,
        impact=assessment.impact if assessment else None,
        inherent=where.inherent.level if where else None,
        residual_likelihood=where.residual.likelihood if where else None,
        residual_impact=where.residual.impact if where else None,
        residual=where.residual.level if where else None,
        appetite=content.system.appetite,
        above_appetite=where.above_appetite if where else False,
        accepted=where.accepted if where else False,
        breach=where.breach if where else False,
        treatment=treatment.decision.value if treatment else None,
        rationale=treatment.rationale if treatment else None,
        approver=treatment.approver if treatment else None,
        expires=treatment.expires if treatment else None,
        transfer_to=treatment.transfer_to if treatment else None,
        assessor=assessment.assessor if assessment else None,
        assessed=assessment.date if assessment else None,
        next_review=assessment.next_review if assessment else None,
        review_overdue=bool(assessment and assessment.next_review < today),
        status=covered.status,
        mitigations=[_state(m, m.id in relied) for m in covered.mitigations],
    )


def _state(mitigation: MitigationCoverage, relied_on: bool) -> MitigationState:
    return MitigationState(
        id=mitigation.id,
        title=mitigation.title,
        status=mitigation.status,
        relied_on=relied_on,
        controls=mitigation.controls,
        reasons=mitigation.reasons,
    )


def _excluded_pairs(content: SystemFile, register: Register) -> list[SystemRisk]:
    """Risks excluded by id: listed, out of scope, with the rationale a reader needs."""
    pairs = []
    for item in content.scope.exclude:
        risk = register.risk(item.risk) if item.risk else None
        if risk is not None:
            pairs.append(
                SystemRisk(
                    system=content.system.id,
                    risk=risk.id,
                    title=risk.title,
                    subdomain=risk.subdomain.code if risk.subdomain else None,
                    in_scope=False,
                    exclusion=item.rationale,
                    appetite=content.system.appetite,
                )
            )
    return pairs


def excluded_counts(content: SystemFile, register: Register) -> list[ExcludedRisks]:
    """Each exclusion with the number of register risks it takes out of a rule's reach."""
    scope = content.scope
    counts: Counter[int] = Counter()
    for risk in register.risks:
        if scope.covers(risk) or not _reached(content, risk):
            continue
        for index, item in enumerate(scope.exclude):
            if item.excludes(risk):
                counts[index] += 1
    return [
        ExcludedRisks(rule=_rule_text(item), rationale=item.rationale, risks=counts[index])
        for index, item in enumerate(scope.exclude)
    ]


def _reached(content: SystemFile, risk: Risk) -> bool:
    scope = content.scope
    return (
        scope.every_risk
        or risk.id in scope.include
        or any(rule.matches(risk) for rule in scope.rules)
    )


def _rule_text(item: Exclusion) -> str:
    if item.risk is not None:
        return item.risk
    return ", ".join(f"{name} {value}" for name, value in item.fields().items())


def _count(statuses: object, enum: type[Assurance] | type[RiskStatus]) -> dict[str, int]:
    counted = Counter(status.value for status in statuses)  # type: ignore[attr-defined]
    return {member.value: counted.get(member.value, 0) for member in enum}


def _levels(scale: Scale, levels: list[str | None]) -> dict[str, int]:
    counted = Counter(level for level in levels if level is not None)
    return {level: counted.get(level, 0) for level in scale.levels}


def _heat(scale: Scale, cells: list[tuple[str | None, str | None]]) -> list[list[int]]:
    """Counts per (likelihood, impact) cell, rows and columns lowest first as in the matrix."""
    grid = [[0] * len(scale.impact) for _ in scale.likelihood]
    for likelihood, impact in cells:
        if likelihood is not None and impact is not None:
            grid[scale.rank("likelihood", likelihood)][scale.rank("impact", impact)] += 1
    return grid


def summary(
    placed: Placed, register: Register, criteria: Criteria, today: dt.date
) -> SystemSummary:
    """A system's inventory line: who, what class, how much of its scope is assessed."""
    content = placed.content
    system, act, scale = content.system, content.system.eu_ai_act, criteria.scale
    appetite = scale.rank("levels", system.appetite)
    scored = [
        scale.rank("levels", inherent(entry.assessment, scale).level)
        for entry in content.risks
        if entry.assessment is not None
    ]
    return SystemSummary(
        id=system.id,
        name=system.name,
        classification=act.classification.value if act else UNCLASSIFIED,
        annex_iii_area=act.annex_iii_area.value if act and act.annex_iii_area else None,
        lifecycle=system.lifecycle.value,
        role=system.role.value,
        owner=system.owner,
        appetite=system.appetite,
        file=placed.file,
        deployments=list(system.evidence.deployments),
        target_patterns=list(system.evidence.targets),
        in_scope=sum(1 for risk in register.risks if content.scope.covers(risk)),
        assessed=len(scored),
        above_appetite_inherent=sum(1 for level in scored if level > appetite),
        accepted=sum(1 for entry in content.risks if acceptance_valid(entry.treatment, today)),
        overdue_reviews=sum(
            1
            for entry in content.risks
            if entry.assessment is not None and entry.assessment.next_review < today
        ),
    )
