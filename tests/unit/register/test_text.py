"""Hyphenation repair, citations and normalisation used by the importers."""

from __future__ import annotations

import pytest

from riskreg.register.text import dehyphenate, normalised, references


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("obtain infor- mation could", "obtain information could"),
        ("the prin- ciple of least", "the principle of least"),
        ("model poison- ing), or", "model poisoning), or"),
        ("context-aware access", "context-aware access"),
        ("a default-deny posture", "a default-deny posture"),
        ("both pre- and post-deployment", "both pre- and post-deployment"),
        ("first- or second-order", "first- or second-order"),
        ("AI- Generated", "AI- Generated"),
    ],
)
def test_dehyphenate(broken: str, repaired: str) -> None:
    assert dehyphenate(broken) == repaired


def test_references_in_reading_order_one_per_number() -> None:
    text = "a [12, 125] b (Source 3, 11, 16) c [138] d (Source 3)"
    assert references(text) == [
        "[12]",
        "[125]",
        "Source 3",
        "Source 11",
        "Source 16",
        "[138]",
    ]


def test_references_empty_without_citations() -> None:
    assert references("no notes here (see 3) or [x]") == []


def test_normalised_ignores_quotes_hyphenation_case_and_spacing() -> None:
    assert normalised('"AI  systems obtain infor- mation." ') == normalised(
        "ai systems obtain information."
    )
    assert normalised("one text") != normalised("another text")
