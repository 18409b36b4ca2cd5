"""Hostile text from manifests, risks and policies stays text in every human-facing format."""

from __future__ import annotations

import csv
import io

import pytest

from riskreg.models.finding import Report
from riskreg.render import csv_report, html, markdown
from riskreg.render.templating import md_escape
from tests.unit.render.conftest import XSS


def test_html_escapes_manifest_text_and_allows_only_its_own_script(report: Report) -> None:
    page = html.render(report)
    assert XSS not in page
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert page.count("<script>") == 1  # the report's own filter script, allowed by its CSP hash
    assert "script-src 'sha256-" in page
    assert "http://" not in page.split("<body>")[0].replace("http://www.w3.org", "")


def test_html_for_print_has_no_script(report: Report) -> None:
    assert "<script>" not in html.render(report, for_print=True)


def test_markdown_escapes_markup_and_table_pipes(report: Report) -> None:
    text = markdown.render(report)
    assert XSS not in text
    assert "&lt;script&gt;" in text
    assert r"least privilege \| pipes \*and\* \`ticks\`" in text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a|b", r"a\|b"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ("[link](javascript:x)", r"\[link\](javascript:x)"),
        ("two\nlines", "two lines"),
        ("&lt;", "&amp;lt;"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_formula_starts(start: str) -> None:
    assert csv_report.neutralise(f"{start}cmd") == f"'{start}cmd"
    assert csv_report.neutralise(f"safe{start}") == f"safe{start}"


def test_csv_gap_register_has_no_live_formula(report: Report) -> None:
    rows = list(csv.reader(io.StringIO(csv_report.render(report))))
    assert rows[0][:2] == ["system", "risk_id"]
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
