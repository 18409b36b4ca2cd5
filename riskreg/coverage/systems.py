"""Coverage on one AI system's targets only: a control failing elsewhere does not count here."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from riskreg.coverage.assess import control_status, risk_coverage
from riskreg.coverage.graph import CoverageGraph
from riskreg.models.coverage import ControlCoverage, RiskCoverage


def restrict(
    controls: Iterable[ControlCoverage], targets: Collection[str]
) -> dict[str, ControlCoverage]:
    """Each control with only its results on `targets`, and the status those results give."""
    wanted = set(targets)
    restricted = {}
    for control in controls:
        results = [result for result in control.results if result.target in wanted]
        restricted[control.id] = control.model_copy(
            update={"results": results, "status": control_status(results)}
        )
    return restricted


def system_risks(
    built: CoverageGraph,
    controls: Iterable[ControlCoverage],
    risk_ids: Iterable[str],
    targets: Collection[str],
) -> dict[str, RiskCoverage]:
    """Risk id -> the risk's coverage on `targets` (the system's claimed targets), in the order
    given; `controls` are the run's controls over every target (`Coverage.controls`)."""
    seen = restrict(controls, targets)
    return {
        risk_id: risk_coverage(built, built.risks[risk_id], seen)
        for risk_id in risk_ids
        if risk_id in built.risks
    }
