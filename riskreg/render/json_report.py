"""JSON: the Report model as is, the machine contract other tools and later runs build on."""

from __future__ import annotations

from riskreg.models.finding import Report


def render(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"
