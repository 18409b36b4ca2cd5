"""The format enums and the renderer registry agree, and `check` keeps rejecting report-only formats."""

from __future__ import annotations

import importlib

from riskreg.render.registry import RENDERERS, SUFFIX, OutputFormat, ReportFormat


def test_every_format_has_a_renderer_and_every_renderer_a_format() -> None:
    values = {fmt.value for fmt in OutputFormat} | {fmt.value for fmt in ReportFormat}
    assert values == set(RENDERERS)
    for module in RENDERERS.values():
        assert callable(importlib.import_module(module).render)


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
