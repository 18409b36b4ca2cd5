"""PDF for regulators: the HTML report laid out for print by WeasyPrint (page numbers, provenance).

Dates and generator in the PDF metadata come from the HTML `<meta>` tags, i.e. from the report,
never from the clock, so the same report gives the same document.
"""

from __future__ import annotations

from pathlib import Path

from riskreg.models.finding import Report
from riskreg.render import html


def render(report: Report, templates: Path | None = None) -> bytes:
    """The report as PDF bytes."""
    import weasyprint  # type: ignore[import-untyped]  # no type information shipped
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    page = html.render(report, templates, for_print=True)
    # The report is self-contained: only data: URLs may be fetched, so no crafted URL reaches out.
    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf()
    return pdf
