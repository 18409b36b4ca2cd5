"""The output formats and the one place that maps each to its renderer module."""

from __future__ import annotations

import importlib
from enum import Enum
from typing import Protocol

from riskreg.models.finding import Report


class OutputFormat(str, Enum):
    """Formats `riskreg check` can write; each has exactly one renderer module."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"


class Renderer(Protocol):
    def __call__(self, report: Report) -> str: ...


# Module names only: renderers are imported when used, so `riskreg --help` stays fast.
RENDERERS: dict[OutputFormat, str] = {
    OutputFormat.TEXT: "riskreg.render.text",
    OutputFormat.JSON: "riskreg.render.json_report",
    OutputFormat.SARIF: "riskreg.render.sarif",
    OutputFormat.JUNIT: "riskreg.render.junit",
}


def render(report: Report, output_format: OutputFormat) -> str:
    """Render the report in the given format (pure: report in, text out)."""
    module = importlib.import_module(RENDERERS[output_format])
    renderer: Renderer = module.render
    return renderer(report)
