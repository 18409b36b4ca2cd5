"""The PDF report: pages rasterise with pdftoppm, and the text has the headings, gap rows,
page numbers, provenance and the hostile text as plain characters."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from riskreg.models.finding import Report
from riskreg.render import pdf

pytestmark = pytest.mark.slow
FIXTURE = Path(__file__).resolve().parents[2] / "tests" / "golden" / "report.fixture.json"


@pytest.fixture(scope="module")
def document() -> bytes:
    return pdf.render(Report.model_validate_json(FIXTURE.read_bytes()))


def test_pages_rasterise(document: bytes, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing: run `make system` (poppler-utils)")
    source = tmp_path / "report.pdf"
    source.write_bytes(document)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", str(source), str(tmp_path / "page")], check=True
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert pngs and all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_text_has_headings_rows_and_provenance(document: bytes) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(document))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for heading in ("Summary", "Gaps (5)", "Risks in detail", "Inputs and their sha256"):
        assert heading in text
    for heading in (
        "AI systems and their residual risk",
        "Risk management: Coding agent",
        "1. Identification of known and foreseeable risks Art. 9(2)(a)",
        "4. Residual risk and its acceptability",
        "Residual risk of Coding agent: assessed risks by likelihood and impact",
    ):
        assert heading in text
    assert (
        "In words: 1 likely \N{MULTIPLICATION SIGN} major (high); 1 rare \N{MULTIPLICATION SIGN} severe (medium)."
        in text
    )
    assert "mit1163.m1 Egress allow-listing failing" in text
    assert f"Page 1 of {len(reader.pages)}" in text
    assert "riskreg 0.0.0-golden · OPA 1.22.2 · generated 2026-01-31T12:00:00+00:00" in text
    assert "<script>alert('xss')</" in text.replace(" ", "")  # shown as text, line breaks aside
    assert reader.metadata is not None and reader.metadata.title == "AI risk coverage report"


def test_systems_come_first_and_each_starts_a_page(document: bytes) -> None:
    from pypdf import PdfReader

    pages = [
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(document)).pages
    ]
    assert "AI systems and their residual risk" in pages[0]
    starts = [i for i, page in enumerate(pages) if "Risk management: " in page]
    assert len(starts) == 2 and all(pages[i].startswith("Risk management: ") for i in starts)


def test_heat_map_page_rasterises(document: bytes, tmp_path: Path) -> None:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(document)).pages
    number = next(
        i + 1
        for i, page in enumerate(pages)
        if "Risk management: Coding agent" in page.extract_text()
    )
    source = tmp_path / "report.pdf"
    source.write_bytes(document)
    shots = Path(__file__).resolve().parents[2] / "reports" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "80", "-png", "-f", str(number), "-l", str(number), str(source),
         str(shots / "report-fixture-pdf-coder")],
        check=True,
    )  # fmt: skip
    assert list(shots.glob("report-fixture-pdf-coder*.png"))
