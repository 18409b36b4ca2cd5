"""An SVG drawing of the coverage graph in three columns: risks, mitigations, controls.

Drawn by hand (no graphviz) so the HTML stays self-contained. Large registers are cut to the risks
that touch a control, up to MAX_RISKS, and the drawing says how many it left out.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from riskreg.models.coverage import Coverage, RiskCoverage

MAX_RISKS = 40
ROW = 26
WIDTH = 980
COLUMNS = (10, 340, 700)
BOX = (300, 330, 270)
_FILL = {
    "verified": "#d9f2d9",
    "covered": "#d9f2d9",
    "failing": "#f8d7da",
    "partial": "#fff3cd",
    "attested": "#e3ecfa",
    "gap": "#eeeeee",
    "uncovered": "#eeeeee",
}


def _chosen(coverage: Coverage) -> list[RiskCoverage]:
    linked = [r for r in coverage.risks if any(m.controls for m in r.mitigations)]
    return (linked or coverage.risks)[:MAX_RISKS]


def _box(column: int, row: int, label: str, status: str) -> str:
    x, y = COLUMNS[column], 40 + row * ROW
    limit = BOX[column] // 7  # about 7 px per character at font-size 12
    text = label if len(label) <= limit else label[: limit - 1] + "\u2026"
    return (
        f'<g class="node {escape(status)}"><title>{escape(label)} ({escape(status)})</title>'
        f'<rect x="{x}" y="{y}" width="{BOX[column]}" height="{ROW - 6}" rx="4" '
        f'fill="{_FILL.get(status, "#ffffff")}" stroke="#555"/>'
        f'<text x="{x + 6}" y="{y + 14}">{escape(text)}</text></g>'
    )


def _edge(source: tuple[int, int], target: tuple[int, int]) -> str:
    (sc, sr), (tc, tr) = source, target
    x1, y1 = COLUMNS[sc] + BOX[sc], 40 + sr * ROW + (ROW - 6) // 2
    x2, y2 = COLUMNS[tc], 40 + tr * ROW + (ROW - 6) // 2
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#888"/>'


def coverage_svg(coverage: Coverage) -> Markup:
    """The drawing as inline SVG markup; every label is escaped here."""
    risks = _chosen(coverage)
    mitigations = [m for risk in risks for m in risk.mitigations]
    control_status = {c.id: c.status.value for c in coverage.controls}
    control_ids = sorted({cid for m in mitigations for cid in m.controls})
    m_row = {m.id: row for row, m in enumerate(mitigations)}
    c_row = {cid: row for row, cid in enumerate(control_ids)}
    parts: list[str] = []
    for risk_row, risk in enumerate(risks):
        parts.append(_box(0, risk_row, f"{risk.id} {risk.title}", risk.status.value))
        parts.extend(_edge((0, risk_row), (1, m_row[m.id])) for m in risk.mitigations)
    for mitigation in mitigations:
        parts.append(
            _box(
                1,
                m_row[mitigation.id],
                f"{mitigation.id} {mitigation.title}",
                mitigation.status.value,
            )
        )
        parts.extend(_edge((1, m_row[mitigation.id]), (2, c_row[c])) for c in mitigation.controls)
    parts.extend(_box(2, c_row[c], c, control_status.get(c, "gap")) for c in control_ids)
    rows = max(len(risks), len(mitigations), len(control_ids), 1)
    height = 60 + rows * ROW
    left_out = len(coverage.risks) - len(risks)
    note = f"{left_out} more risks not drawn" if left_out else ""
    header = "".join(
        f'<text x="{x}" y="24" font-weight="bold">{name}</text>'
        for x, name in zip(COLUMNS, ("Risks", "Mitigations", "Controls"), strict=True)
    )
    # Every label was escaped in _box; the rest is our own markup.
    return Markup(  # noqa: S704
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="graph-title" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-family="sans-serif" font-size="12">'
        f'<title id="graph-title">Coverage graph: risks, their mitigations and the controls '
        f"enforcing them. {note}</title>{header}{''.join(parts)}"
        f'<text x="10" y="{height - 8}" font-style="italic">{note}</text></svg>'
    )
