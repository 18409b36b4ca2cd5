"""Roll-ups of risk statuses by MIT taxonomy, by framework clause, and the gap list."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from riskreg.models.assurance import Assurance, RiskStatus
from riskreg.models.control import Control
from riskreg.models.coverage import (
    ClauseCoverage,
    ControlCoverage,
    FrameworkCoverage,
    Gap,
    MitigationCoverage,
    RiskCoverage,
    Rollup,
)

UNCLASSIFIED = "unclassified"
_DIMENSIONS: dict[str, Callable[[RiskCoverage], str | None]] = {
    "domain": lambda risk: risk.domain,
    "subdomain": lambda risk: risk.subdomain,
    "entity": lambda risk: risk.causal.entity if risk.causal else None,
    "intent": lambda risk: risk.causal.intent if risk.causal else None,
    "timing": lambda risk: risk.causal.timing if risk.causal else None,
}
# Worst first, so the gap list opens with what is broken, then what is missing.
_GAP_ORDER = {Assurance.FAILING: 0, Assurance.GAP: 1, Assurance.ATTESTED: 2}


def _group_key(group: str) -> tuple[int, list[int], str]:
    # Natural order of MIT codes ("7.2" before "7.10"); the unclassified bucket comes last.
    head = group.split(" ", 1)[0].rstrip(".")
    numbers = [int(part) for part in head.split(".") if part.isdigit()]
    return (group == UNCLASSIFIED, numbers, group)


def rollups(risks: list[RiskCoverage]) -> list[Rollup]:
    """Counts of risk statuses per domain, subdomain and causal entity/intent/timing."""
    result: list[Rollup] = []
    for dimension, key in _DIMENSIONS.items():
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for risk in risks:
            groups[key(risk) or UNCLASSIFIED][risk.status.value] += 1
        for group in sorted(groups, key=_group_key):
            counts = groups[group]
            result.append(
                Rollup(
                    dimension=dimension,
                    group=group,
                    total=sum(counts.values()),
                    by_status={status.value: counts.get(status.value, 0) for status in RiskStatus},
                )
            )
    return result


def _clause_status(statuses: list[Assurance]) -> Assurance:
    if Assurance.FAILING in statuses:
        return Assurance.FAILING
    if Assurance.VERIFIED in statuses:
        return Assurance.VERIFIED
    if Assurance.ATTESTED in statuses:
        return Assurance.ATTESTED
    return Assurance.GAP


def framework_coverage(
    controls: list[Control], assessed: dict[str, ControlCoverage]
) -> list[FrameworkCoverage]:
    """Per framework cited in METADATA, each clause with the combined verdict of its controls."""
    cited: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for control in controls:
        for framework, cited_clauses in control.frameworks.items():
            for clause in cited_clauses:
                cited[framework][clause].append(control.id)
    frameworks = []
    for framework in sorted(cited):
        clauses = [
            ClauseCoverage(
                framework=framework,
                clause=clause,
                controls=sorted(ids),
                status=_clause_status([assessed[cid].status for cid in ids if cid in assessed]),
            )
            for clause, ids in sorted(cited[framework].items())
        ]
        counts = Counter(clause.status.value for clause in clauses)
        by_status = {status.value: counts.get(status.value, 0) for status in Assurance}
        frameworks.append(
            FrameworkCoverage(framework=framework, clauses=clauses, by_status=by_status)
        )
    return frameworks


def gap_list(risks: list[RiskCoverage]) -> list[Gap]:
    """Every mitigation that is not verified: failing first, then gaps, then attested-only ones."""
    gaps: list[tuple[int, Gap]] = []
    for index, risk in enumerate(risks):
        if not risk.mitigations:
            gaps.append((index, _gap(risk, None)))
        gaps.extend(
            (index, _gap(risk, mitigation))
            for mitigation in risk.mitigations
            if mitigation.status is not Assurance.VERIFIED
        )
    gaps.sort(key=lambda pair: (_GAP_ORDER[pair[1].status], pair[0]))
    return [gap for _, gap in gaps]


def _gap(risk: RiskCoverage, mitigation: MitigationCoverage | None) -> Gap:
    return Gap(
        risk_id=risk.id,
        risk_title=risk.title,
        mitigation_id=mitigation.id if mitigation else None,
        mitigation_title=mitigation.title if mitigation else None,
        status=mitigation.status if mitigation else Assurance.GAP,
        reasons=mitigation.reasons if mitigation else risk.reasons,
    )
