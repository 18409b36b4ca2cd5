"""The output formats and the one place that maps each to its renderer, checked by mypy end to end."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, assert_never

if TYPE_CHECKING:
    from riskreg.models.finding import Report


class OutputFormat(str, Enum):
    """Formats `riskreg check` can write; each has exactly one renderer."""

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


# A renderer is pure: a Report in, text out; `report` formats may also take a template folder.
Renderer = Callable[["Report"], str]
ReportRenderer = Callable[["Report", Path | None], "str | bytes"]

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


# Each renderer module is imported inside its function, so `riskreg --help` never loads Jinja2,
# WeasyPrint or the models; the imports are static, so mypy checks every call below.
def _text(report: Report) -> str:
    from riskreg.render import text

    return text.render(report)


def _json(report: Report) -> str:
    from riskreg.render import json_report

    return json_report.render(report)


def _sarif(report: Report) -> str:
    from riskreg.render import sarif

    return sarif.render(report)


def _junit(report: Report) -> str:
    from riskreg.render import junit

    return junit.render(report)


def _html(report: Report, templates: Path | None) -> str:
    from riskreg.render import html

    return html.render(report, templates)


def _markdown(report: Report, templates: Path | None) -> str:
    from riskreg.render import markdown

    return markdown.render(report, templates)


def _pdf(report: Report, templates: Path | None) -> bytes:
    from riskreg.render import pdf

    return pdf.render(report, templates)


def _oscal(report: Report) -> str:
    from riskreg.render import oscal

    return oscal.render(report)


def _oscal_poam(report: Report) -> str:
    from riskreg.render import oscal_poam

    return oscal_poam.render(report)


def _csv(report: Report) -> str:
    from riskreg.render import csv_report

    return csv_report.render(report)


def _openreports(report: Report) -> str:
    from riskreg.render import openreports

    return openreports.render(report)


def _policyreport(report: Report) -> str:
    from riskreg.render import policyreport

    return policyreport.render(report)


def _untemplated(renderer: Renderer) -> ReportRenderer:
    """A format without templates, called like one that has them."""

    def render(report: Report, _templates: Path | None) -> str:
        return renderer(report)

    return render


def check_renderer(output_format: OutputFormat) -> Renderer:
    """The renderer of a `check` format; mypy proves every member has one."""
    match output_format:
        case OutputFormat.TEXT:
            return _text
        case OutputFormat.JSON:
            return _json
        case OutputFormat.SARIF:
            return _sarif
        case OutputFormat.JUNIT:
            return _junit
        case OutputFormat.OPENREPORTS:
            return _openreports
        case OutputFormat.POLICYREPORT:
            return _policyreport
        case _:
            assert_never(output_format)


def report_renderer(output_format: ReportFormat) -> ReportRenderer:
    """The renderer of a `report` format; mypy proves every member has one."""
    match output_format:
        case ReportFormat.HTML:
            return _html
        case ReportFormat.MD:
            return _markdown
        case ReportFormat.PDF:
            return _pdf
        case ReportFormat.JSON:
            return _untemplated(_json)
        case ReportFormat.SARIF:
            return _untemplated(_sarif)
        case ReportFormat.JUNIT:
            return _untemplated(_junit)
        case ReportFormat.OSCAL:
            return _untemplated(_oscal)
        case ReportFormat.OSCAL_POAM:
            return _untemplated(_oscal_poam)
        case ReportFormat.CSV:
            return _untemplated(_csv)
        case ReportFormat.OPENREPORTS:
            return _untemplated(_openreports)
        case ReportFormat.POLICYREPORT:
            return _untemplated(_policyreport)
        case _:
            assert_never(output_format)


RENDERERS: Mapping[OutputFormat, Renderer] = MappingProxyType(
    {output_format: check_renderer(output_format) for output_format in OutputFormat}
)
REPORT_RENDERERS: Mapping[ReportFormat, ReportRenderer] = MappingProxyType(
    {output_format: report_renderer(output_format) for output_format in ReportFormat}
)


def render(report: Report, output_format: OutputFormat) -> str:
    """Render the report in a `check` format (pure: report in, text out)."""
    return RENDERERS[output_format](report)


def render_report(
    report: Report, output_format: ReportFormat, templates: Path | None = None
) -> str | bytes:
    """Render the report in a `report` format; PDF gives bytes, every other format text."""
    return REPORT_RENDERERS[output_format](report, templates)
