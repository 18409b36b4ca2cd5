"""The committed corpus table (benchmarks/results/corpus.md) is the one the samples give."""

from __future__ import annotations

from benchmarks.corpus import OUTPUT, table


def test_committed_corpus_table_is_current() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == table(), (
        "samples changed: run .venv/bin/python benchmarks/corpus.py and commit the table"
    )


def test_corpus_is_well_over_a_hundred_evasions() -> None:
    text = table()
    assert text.count("| evasion |") > 100
    assert text.count("| secure setup |") > 40
