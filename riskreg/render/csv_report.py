"""CSV gap register for spreadsheets: one row per mitigation that is not verified."""

from __future__ import annotations

import csv
import io

from riskreg.models.finding import Report

COLUMNS = (
    "risk_id",
    "risk_title",
    "domain",
    "subdomain",
    "risk_status",
    "mitigation_id",
    "mitigation_title",
    "mitigation_status",
    "controls",
    "reasons",
)
# A cell starting with one of these is a formula to Excel/LibreOffice/Sheets (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    risks = {risk.id: risk for risk in coverage.risks}
    for gap in coverage.gaps:
        risk = risks[gap.risk_id]
        mitigation = next((m for m in risk.mitigations if m.id == gap.mitigation_id), None)
        row = (
            gap.risk_id,
            gap.risk_title,
            risk.domain or "",
            risk.subdomain or "",
            risk.status.value,
            gap.mitigation_id or "",
            gap.mitigation_title or "",
            gap.status.value,
            " ".join(mitigation.controls) if mitigation else "",
            "; ".join(gap.reasons),
        )
        writer.writerow([neutralise(cell) for cell in row])
    return stream.getvalue()
