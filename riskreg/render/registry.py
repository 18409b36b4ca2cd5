"""The output formats and the one place that maps each to its renderer module."""

from __future__ import annotations

import importlib
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from riskreg.models.finding import Report


class OutputFormat(str, Enum):
    """Formats `riskreg check` can write; each has exactly one renderer module."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    OPENREPORTS = "openreports"
    POLICYREPORT = "policyreport"


class ReportFormat(str, Enum):
    """Formats `riskreg report` can write (a separate enum, so `check` keeps rejecting html etc.)."""

    HTML = "html"
    MD = "md"
    PDF = "pdf"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    OSCAL = "oscal"
    OSCAL_POAM = "oscal-poam"
    CSV = "csv"
    OPENREPORTS = "openreports"
    POLICYREPORT = "policyreport"


class Renderer(Protocol):
    def __call__(self, report: Report) -> str: ...


class TemplatedRenderer(Protocol):
    def __call__(self, report: Report, templates: Path | None = None) -> str | bytes: ...


# Module names only: renderers are imported when used, so `riskreg --help` stays fast.
# Keyed by the format's value, which both enums share where they overlap (json, sarif, junit).
RENDERERS: dict[str, str] = {
    "text": "riskreg.render.text",
    "json": "riskreg.render.json_report",
    "sarif": "riskreg.render.sarif",
    "junit": "riskreg.render.junit",
    "html": "riskreg.render.html",
    "md": "riskreg.render.markdown",
    "pdf": "riskreg.render.pdf",
    "oscal": "riskreg.render.oscal",
    "oscal-poam": "riskreg.render.oscal_poam",
    "csv": "riskreg.render.csv_report",
    "openreports": "riskreg.render.openreports",
    "policyreport": "riskreg.render.policyreport",
}
TEMPLATED = frozenset({ReportFormat.HTML, ReportFormat.MD, ReportFormat.PDF})
SUFFIX: dict[ReportFormat, str] = {
    ReportFormat.HTML: ".html",
    ReportFormat.MD: ".md",
    ReportFormat.PDF: ".pdf",
    ReportFormat.JSON: ".json",
    ReportFormat.SARIF: ".sarif",
    ReportFormat.JUNIT: ".junit.xml",
    ReportFormat.OSCAL: ".oscal-ar.json",
    ReportFormat.OSCAL_POAM: ".oscal-poam.json",
    ReportFormat.CSV: ".csv",
    ReportFormat.OPENREPORTS: ".openreports.yaml",
    ReportFormat.POLICYREPORT: ".policyreport.yaml",
}


def render(report: Report, output_format: OutputFormat) -> str:
    """Render the report in a `check` format (pure: report in, text out)."""
    module = importlib.import_module(RENDERERS[output_format.value])
    renderer: Renderer = module.render
    return renderer(report)


def render_report(
    report: Report, output_format: ReportFormat, templates: Path | None = None
) -> str | bytes:
    """Render the report in a `report` format; PDF gives bytes, every other format text."""
    module = importlib.import_module(RENDERERS[output_format.value])
    if output_format in TEMPLATED:
        templated: TemplatedRenderer = module.render
        return templated(report, templates)
    renderer: Renderer = module.render
    return renderer(report)
