"""The per-system section as terminal text: each system's risks before and after its measures."""

from __future__ import annotations

from riskreg.models.posture import SystemCoverage, SystemRisk, SystemsCoverage


def _score(likelihood: str | None, impact: str | None, level: str | None) -> str:
    return f"{likelihood} x {impact} = {level}" if level else "not assessed"


def _verdict(pair: SystemRisk) -> str:
    if pair.breach:
        return "ABOVE APPETITE"
    if pair.above_appetite:
        return f"above appetite, accepted until {pair.expires}"
    return ""


def _pair(pair: SystemRisk) -> list[str]:
    if not pair.in_scope:
        return [f"    {pair.risk:<9} out of scope: {pair.exclusion}"]
    inherent = _score(pair.likelihood, pair.impact, pair.inherent)
    residual = _score(pair.residual_likelihood, pair.residual_impact, pair.residual)
    states = ", ".join(f"{m.id} {m.status.value}" for m in pair.mitigations if m.relied_on)
    lines = [
        f"    {pair.risk:<9} {inherent:<30} -> {residual:<30} {pair.treatment or '-':<9} "
        f"{_verdict(pair)}".rstrip(),
        f"              owner {pair.owner or 'unassigned'}; relies on: {states or 'nothing'}",
    ]
    if pair.review_overdue:
        lines.append(f"              review overdue since {pair.next_review}")
    return lines


def system_lines(item: SystemCoverage) -> list[str]:
    """One system: what it is, its targets, scope, and each assessed risk's scores."""
    lines = [
        f"system {item.id} ({item.name}; EU AI Act: {item.classification}; "
        f"appetite {item.appetite})",
        f"  targets: {', '.join(item.targets) or 'none evaluated'}",
        f"  in scope: {item.in_scope} risks, {len(item.not_assessed)} not assessed; residual: "
        + ", ".join(f"{count} {level}" for level, count in item.residual_by_level.items()),
    ]
    lines += [
        f"  excluded: {group.rule} ({group.risks} risks): {group.rationale}"
        for group in item.excluded
    ]
    shown = [pair for pair in item.risks if pair.inherent or not pair.in_scope]
    if shown:
        lines.append(f"    {'RISK':<9} {'INHERENT':<30} -> {'RESIDUAL':<30} TREATMENT")
        lines += [line for pair in shown for line in _pair(pair)]
    if item.not_assessed:
        lines.append(f"  not assessed yet: {_ids(item.not_assessed)}")
    return lines


def _ids(ids: list[str], most: int = 12) -> str:
    more = f" and {len(ids) - most} more" if len(ids) > most else ""
    return ", ".join(ids[:most]) + more


def render_systems(section: SystemsCoverage) -> list[str]:
    """Lines for every system, then unassessed counts, unowned targets and what is due."""
    lines: list[str] = []
    for item in section.systems:
        lines += ["", *system_lines(item)]
    if section.unassessed:
        counts = ", ".join(f"{code}: {n}" for code, n in section.unassessed.items())
        lines += [
            "",
            f"unassessed (in no system's scope; not gaps): {section.unassessed_total} risks",
            f"  by subdomain: {counts}",
        ]
    if section.unowned_targets:
        lines += [
            "",
            f"unowned evidence (no system claims it): {', '.join(section.unowned_targets)}",
        ]
    for review in section.overdue_reviews:
        lines.append(
            f"review overdue: {review.system} {review.risk} due {review.due} ({review.assessor})"
        )
    for acceptance in section.acceptances:
        lines.append(
            f"acceptance {acceptance.state.value}: {acceptance.system} {acceptance.risk} until "
            f"{acceptance.expires} ({acceptance.approver})"
        )
    return lines
