"""Every report format rendered from the committed fixture matches its golden file byte for byte
(PDF: its extracted text, since font subsetting differs between machines)."""

from __future__ import annotations

import io

import pytest

from riskreg.models.finding import Report
from riskreg.render.registry import SUFFIX, OutputFormat, ReportFormat, render, render_report
from tests.unit.render.conftest import assert_golden

TEXT_FORMATS = [fmt for fmt in ReportFormat if fmt is not ReportFormat.PDF]


@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=lambda fmt: fmt.value)
def test_report_format_matches_golden(report: Report, fmt: ReportFormat) -> None:
    rendered = render_report(report, fmt)
    assert isinstance(rendered, str)
    assert_golden(f"{fmt.value}/report{SUFFIX[fmt]}", rendered)


def test_text_format_matches_golden(report: Report) -> None:
    assert_golden("text/report.txt", render(report, OutputFormat.TEXT))


def test_pdf_text_matches_golden(report: Report) -> None:
    from pypdf import PdfReader

    pdf = render_report(report, ReportFormat.PDF)
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(pdf)).pages
    text = "\n\f\n".join(" ".join(page.extract_text().split()) for page in pages) + "\n"
    assert_golden("pdf/report.pdf.txt", text)


def test_rendering_twice_gives_the_same_bytes(report: Report) -> None:
    for fmt in TEXT_FORMATS:
        assert render_report(report, fmt) == render_report(report, fmt)
