"""Coverage as terminal text: the figures, the roll-up by domain, the gap list with reasons, and
each AI system's risks before and after its measures."""

from __future__ import annotations

import re

from riskreg.models.coverage import Coverage
from riskreg.render.systems_text import render_systems

# Manifest text reaches a terminal here: control characters (ANSI escapes) must not act.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(text: str) -> str:
    return _CONTROL.sub("\ufffd", text)


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{count} {status}" for status, count in counts.items())


def render(coverage: Coverage) -> str:
    lines = [
        f"risks ({len(coverage.risks)}): {_counts(coverage.risks_by_status)}",
        f"mitigations: {_counts(coverage.mitigations_by_status)}",
        "",
        "by domain:",
    ]
    for rollup in coverage.rollups_for("domain"):
        lines.append(f"  {rollup.group:<55} {rollup.total:>5}  {_counts(rollup.by_status)}")
    for framework in coverage.frameworks:
        lines.append(
            f"{framework.framework}: {framework.by_status.get('verified', 0)} of "
            f"{len(framework.clauses)} cited clauses verified, "
            f"{framework.by_status.get('attested', 0)} only attested"
        )
    lines.append("")
    lines.append(f"gaps ({len(coverage.gaps)}):")
    for gap in coverage.gaps:
        lines.append(f"  {gap.status.value.upper():<9} {gap.mitigation_id or gap.risk_id}")
        lines.extend(f"            {reason}" for reason in gap.reasons)
    if coverage.systems is not None:
        lines += render_systems(coverage.systems)
    return _clean("\n".join(lines)) + "\n"
