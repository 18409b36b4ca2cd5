"""The format enums and the renderer registry agree, and `check` keeps rejecting report-only formats."""

from __future__ import annotations

import pytest

from riskreg.models.finding import Report
from riskreg.render.registry import (
    RENDERERS,
    REPORT_RENDERERS,
    SUFFIX,
    OutputFormat,
    ReportFormat,
    render,
    render_report,
)


def test_every_format_has_a_renderer_and_every_renderer_a_format() -> None:
    assert set(RENDERERS) == set(OutputFormat)
    assert set(REPORT_RENDERERS) == set(ReportFormat)
    assert all(callable(renderer) for renderer in [*RENDERERS.values(), *REPORT_RENDERERS.values()])


@pytest.mark.parametrize("fmt", list(OutputFormat), ids=lambda fmt: fmt.value)
def test_every_check_format_renders_text(report: Report, fmt: OutputFormat) -> None:
    assert render(report, fmt).strip()


@pytest.mark.parametrize(
    "fmt", [fmt for fmt in ReportFormat if fmt is not ReportFormat.PDF], ids=lambda fmt: fmt.value
)
def test_every_report_format_renders(report: Report, fmt: ReportFormat) -> None:
    rendered = render_report(report, fmt)
    assert isinstance(rendered, str) and rendered.strip()


def test_shared_formats_render_alike_for_check_and_report(report: Report) -> None:
    for fmt in OutputFormat:
        if fmt.value in {member.value for member in ReportFormat}:
            assert render(report, fmt) == render_report(report, ReportFormat(fmt.value))


def test_every_report_format_has_a_file_suffix() -> None:
    assert set(SUFFIX) == set(ReportFormat)
    assert len(set(SUFFIX.values())) == len(SUFFIX)


def test_check_formats_are_unchanged() -> None:
    assert [fmt.value for fmt in OutputFormat] == [
        "text",
        "json",
        "sarif",
        "junit",
        "openreports",
        "policyreport",
    ]
