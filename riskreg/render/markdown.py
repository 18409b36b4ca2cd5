"""Markdown for pull-request comments and wikis: verdict, gap list, failing findings."""

from __future__ import annotations

from pathlib import Path

from riskreg.models.finding import Report
from riskreg.render.templating import environment


def render(report: Report, templates: Path | None = None) -> str:
    template = environment(True, templates).get_template("report.md.j2")
    return template.render(report=report, waivers=getattr(report, "waivers", []))
