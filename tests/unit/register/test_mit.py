"""The MIT database importer on the real V4 workbook and CSV, V3, V2, and on broken files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.register.mit import MitImport, import_database
from riskreg.register.pages import read_page
from riskreg.register.tabular import file_sha256
from riskreg.register.text import normalised

from .conftest import SEED_IDS, V2_CSV, V3_XLSX, V4_CSV, V4_XLSX, seed_paths


def test_v4_numbering_reproduces_the_public_ids(v4_import: MitImport) -> None:
    risks = v4_import.risks
    assert len(risks) == 1520
    assert [r.id for r in risks[:3]] == ["mit1", "mit2", "mit3"]
    ev_ids = {r.id: r.source.ev_id for r in risks if r.source}
    assert (ev_ids["mit1163"], ev_ids["mit1166"], ev_ids["mit1158"]) == (
        "62.28.02",
        "62.29.01",
        "62.25.00",
    )


def test_v4_source_record(v4_import: MitImport) -> None:
    risk = next(r for r in v4_import.risks if r.id == "mit1163")
    source = risk.source
    assert source is not None
    assert (source.version, str(source.release_date)) == ("V4", "2025-12-03")
    assert source.quickref == "Gipiškis2024"
    assert source.paper_title is not None and source.paper_title.startswith("Risk Sources and Risk")
    assert source.sha256 == "4cf65a4f078ecc520839eadb7c9d86f54e6295ff21c57d4924f7b44a51a15052"
    assert source.sha256 == file_sha256(V4_XLSX)
    assert source.page == "42"


def test_v4_sample_fields(v4_import: MitImport) -> None:
    first = v4_import.risks[0]
    assert first.source is not None and first.source.quickref == "Critch2023"
    assert first.title == "Type 1: Diffusion of responsibility"
    assert first.domain is not None and first.domain.code == "6"
    assert first.additional_evidence  # 01.01.00.a-c sit under it in the sheet
    assert first.additional_evidence[0].startswith("Example:")
    mit1166 = next(r for r in v4_import.risks if r.id == "mit1166")
    assert mit1166.subdomain is not None and mit1166.subdomain.code == "4.0"
    assert mit1166.additional_evidence[0].startswith('"For example, LLMs')  # Ev_ID 62.29.01a


def test_pages_that_were_turned_into_dates_read_as_text(v4_import: MitImport) -> None:
    pages = {r.source.page for r in v4_import.risks if r.source}
    assert "8-9" in pages
    assert not any(page and page.endswith(".0") for page in pages)


@pytest.mark.parametrize("path", seed_paths(), ids=lambda path: path.name)
def test_seed_pages_agree_with_v4(v4_import: MitImport, path: Path) -> None:
    page = read_page(path)
    row = next(r for r in v4_import.risks if r.id == page.id)
    assert normalised(row.title) == normalised(page.title)
    assert normalised(row.description) == normalised(page.description)
    assert (row.domain, row.subdomain, row.causal) == (page.domain, page.subdomain, page.causal)


def test_v4_csv_export_equals_the_workbook(v4_import: MitImport, v4_csv_import: MitImport) -> None:
    def without_file(result: MitImport) -> list[dict[str, object]]:
        return [r.model_dump(exclude={"source": {"file", "sha256"}}) for r in result.risks]

    assert without_file(v4_csv_import) == without_file(v4_import)
    assert v4_csv_import.risks[0].source is not None
    assert v4_csv_import.risks[0].source.file == V4_CSV.name


def test_v2_csv_with_header_first() -> None:
    result = import_database(V2_CSV)
    assert len(result.risks) == 927  # 1,061 category rows less 134 uncoded
    first = result.risks[0]
    assert first.source is not None
    assert (first.source.row, first.source.version, first.source.ev_id) == (3, None, "01.01.00")


def test_v3_workbook() -> None:
    result = import_database(V3_XLSX, limit=5)
    assert [r.id for r in result.risks] == [f"mit{n}" for n in range(1, 6)]
    assert result.risks[0].source is not None and result.risks[0].source.version == "V3"


def test_limit_and_only(v4_import: MitImport) -> None:
    assert len(import_database(V4_CSV, limit=10).risks) == 10
    only = import_database(V4_CSV, only=set(SEED_IDS)).risks
    assert sorted(r.id for r in only) == sorted(SEED_IDS)


def test_truncated_xlsx(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(V4_XLSX.read_bytes()[:200_000])
    with pytest.raises(InvalidInputError, match=r"broken.xlsx: xlsx: "):
        import_database(broken)


def test_csv_with_a_missing_column(tmp_path: Path) -> None:
    broken = tmp_path / "missing.csv"
    text = V2_CSV.read_text(encoding="utf-8")
    broken.write_text(text.replace(",Timing,", ",When,", 1), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"missing.csv:1: header: missing column 'Timing'"):
        import_database(broken)


def test_csv_with_non_utf8_bytes(tmp_path: Path) -> None:
    broken = tmp_path / "latin1.csv"
    data = V2_CSV.read_bytes()
    broken.write_bytes(data[:5000] + b"\xe9" + data[5000:])
    with pytest.raises(InvalidInputError, match=r"latin1.csv:\d+: encoding: not UTF-8"):
        import_database(broken)


def test_wrong_kind_of_file(tmp_path: Path) -> None:
    other = tmp_path / "risks.txt"
    shutil.copy(V2_CSV, other)
    with pytest.raises(InvalidInputError, match=r"expected a \.xlsx workbook or a \.csv export"):
        import_database(other)


def test_uncoded_value_in_a_kept_row_is_rejected_with_its_row(tmp_path: Path) -> None:
    broken = tmp_path / "bad.csv"
    text = V2_CSV.read_text(encoding="utf-8")
    broken.write_text(text.replace("2 - AI", "AI", 1), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"bad.csv:\d+: Entity: expected 'CODE - Label'"):
        import_database(broken)
