"""CSV risk register for spreadsheets: per AI system and in-scope risk, its scores before and after
the measures, and one row per mitigation that is not verified (a row of its own when none is)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from riskreg.models.coverage import Coverage, MitigationCoverage, RiskCoverage
from riskreg.models.finding import Report
from riskreg.models.posture import MitigationState, SystemRisk

COLUMNS = (
    "system",
    "risk_id",
    "risk_title",
    "domain",
    "subdomain",
    "owner",
    "likelihood",
    "impact",
    "inherent",
    "residual_likelihood",
    "residual_impact",
    "residual",
    "appetite",
    "treatment",
    "acceptable",
    "risk_status",
    "mitigation_id",
    "mitigation_title",
    "mitigation_status",
    "controls",
    "reasons",
)
# A cell starting with one of these is a formula to Excel/LibreOffice/Sheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Row = tuple[str, ...]


def neutralise(value: str) -> str:
    """Prefix a would-be formula with a quote so spreadsheets show it as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def render(report: Report) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    coverage = report.coverage
    if coverage is None:
        return stream.getvalue()
    rows = _system_rows(coverage) if coverage.systems is not None else _gap_rows(coverage)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return stream.getvalue()


def _acceptable(pair: SystemRisk) -> str:
    if pair.inherent is None:
        return ""
    return "no" if pair.breach else "accepted" if pair.above_appetite else "yes"


def _system_rows(coverage: Coverage) -> Iterator[Row]:
    assert coverage.systems is not None
    risks = {risk.id: risk for risk in coverage.risks}
    for item in coverage.systems.systems:
        for pair in item.risks:
            if not pair.in_scope:
                continue
            risk = risks.get(pair.risk)
            head = (
                item.id, pair.risk, pair.title, (risk.domain or "") if risk else "",
                (risk.subdomain or "") if risk else pair.subdomain or "", pair.owner or "",
                pair.likelihood or "", pair.impact or "", pair.inherent or "",
                pair.residual_likelihood or "", pair.residual_impact or "", pair.residual or "",
                pair.appetite, pair.treatment or "", _acceptable(pair), pair.status.value,
            )  # fmt: skip
            open_ = [m for m in pair.mitigations if m.status.value != "verified"]
            if not open_:
                reason = "every mitigation verified" if pair.mitigations else "no mitigations"
                yield (*head, "", "", "", "", reason)
            for mitigation in open_:
                yield (*head, *_mitigation(mitigation))


def _mitigation(mitigation: MitigationState | MitigationCoverage) -> Row:
    return (
        mitigation.id,
        mitigation.title,
        mitigation.status.value,
        " ".join(mitigation.controls),
        "; ".join(mitigation.reasons),
    )


def _gap_rows(coverage: Coverage) -> Iterator[Row]:
    """Without a per-system section (an old saved coverage): the gap register over all targets."""
    risks: dict[str, RiskCoverage] = {risk.id: risk for risk in coverage.risks}
    for gap in coverage.gaps:
        risk = risks[gap.risk_id]
        mitigation = next((m for m in risk.mitigations if m.id == gap.mitigation_id), None)
        head = ("", gap.risk_id, gap.risk_title, risk.domain or "", risk.subdomain or "")
        blank = ("",) * 10
        controls = " ".join(mitigation.controls) if mitigation else ""
        yield (
            *head, *blank, risk.status.value, gap.mitigation_id or "",
            gap.mitigation_title or "", gap.status.value, controls, "; ".join(gap.reasons),
        )  # fmt: skip
