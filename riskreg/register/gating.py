"""The register-wide half of the per-system section (unassessed counts, who claims which target,
what is due) and the residual gate read from it; pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from riskreg.models.criteria import Scale
from riskreg.models.posture import (
    ResidualGate,
    ResidualPosition,
    SystemCoverage,
    SystemRisk,
    SystemsCoverage,
    TargetClaim,
)
from riskreg.models.risk import Register
from riskreg.models.system import SystemFile
from riskreg.register.review import acceptance_statuses, acceptance_warnings, overdue_reviews
from riskreg.register.scope import unassessed_counts


def systems_section(
    postures: list[SystemCoverage],
    systems: Sequence[SystemFile],
    register: Register,
    scale: Scale,
    claims: Mapping[str, tuple[Sequence[str], Sequence[str]]],
    today: dt.date,
    warn_days: int,
) -> SystemsCoverage:
    """The section: every system's posture plus what the register as a whole says.

    `claims` maps each evaluated target to (its AIDeployments, the systems claiming it).
    """
    scoped = {item.id: [r.risk for r in item.risks if r.in_scope] for item in postures}
    targets = [
        TargetClaim(target=name, deployments=list(deployments), systems=list(owners))
        for name, (deployments, owners) in sorted(claims.items())
    ]
    return SystemsCoverage(
        scale=scale,
        systems=postures,
        unassessed=unassessed_counts(register, scoped),
        targets=targets,
        unowned_targets=[claim.target for claim in targets if not claim.systems],
        overdue_reviews=overdue_reviews(systems, today),
        acceptances=acceptance_statuses(systems, today, warn_days),
    )


def residual_gate(section: SystemsCoverage) -> ResidualGate:
    """Fails on a residual above appetite without a valid acceptance, on a system that claims an
    evaluated target of the run; systems without one are not judged (named in `not_judged`)."""
    judged = [item for item in section.systems if item.targets]
    above = [
        _position(item, pair)
        for item in judged
        for pair in item.risks
        if pair.in_scope and pair.above_appetite
    ]
    breaches = [pos for pos, pair in above if pair.breach]
    return ResidualGate(
        passed=not breaches,
        judged=[item.id for item in judged],
        not_judged=[item.id for item in section.systems if not item.targets],
        breaches=breaches,
        accepted=[pos for pos, pair in above if not pair.breach],
    )


def _position(item: SystemCoverage, pair: SystemRisk) -> tuple[ResidualPosition, SystemRisk]:
    assert pair.residual and pair.likelihood and pair.impact and pair.inherent  # assessed
    assert pair.residual_likelihood and pair.residual_impact
    found = ResidualPosition(
        system=item.id,
        risk=pair.risk,
        title=pair.title,
        residual=pair.residual,
        appetite=pair.appetite,
        residual_likelihood=pair.residual_likelihood,
        residual_impact=pair.residual_impact,
        likelihood=pair.likelihood,
        impact=pair.impact,
        inherent=pair.inherent,
        treatment=pair.treatment,
        owner=pair.owner,
        approver=pair.approver if pair.accepted else None,
        expires=pair.expires if pair.accepted else None,
        file=item.file,
        line=pair.line,
    )
    return found, pair


def due_warnings(systems: Sequence[SystemFile], today: dt.date, warn_days: int) -> list[str]:
    """One stderr line per overdue review and per acceptance expiring soon or expired."""
    lines = [
        f"warning: review of {r.risk} for {r.system} is overdue: due {r.due}, "
        f"{r.days_overdue} days ago (assessor {r.assessor})"
        for r in overdue_reviews(systems, today)
    ]
    return lines + acceptance_warnings(acceptance_statuses(systems, today, warn_days))


def claim_warnings(section: SystemsCoverage) -> list[str]:
    """Targets no system claims (when the register defines systems), as stderr lines."""
    if all(item.implicit for item in section.systems):
        return []
    return [
        f"warning: target {name} is claimed by no AI system (unowned evidence; see "
        f"`evidence` in risks/systems/*.yaml)"
        for name in section.unowned_targets
    ]
