"""The risk page importer on the three seed pages and on pages broken in every way we know."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskreg.errors import InvalidInputError
from riskreg.register.pages import parse_page, read_page
from riskreg.register.store import render_file
from tests.conftest import REPO

from .conftest import seed_paths

GOLDEN = REPO / "tests" / "golden" / "imports"
SEED_TEXT = {path.name: path.read_text(encoding="utf-8") for path in seed_paths()}
MIT1163 = SEED_TEXT["000_297d0e7ff14fa5c4.txt"]
MIT1158 = SEED_TEXT["002_fc99193b09f9a6e6.txt"]


@pytest.mark.parametrize("path", seed_paths(), ids=lambda path: path.name)
def test_seed_page_matches_golden(path: Path) -> None:
    risk = read_page(path)
    golden = GOLDEN / f"page.{risk.id}.yaml"
    assert render_file([risk]) == golden.read_text(encoding="utf-8"), (
        f"{golden} differs; see {GOLDEN / 'README.md'} to regenerate after an intended change"
    )


def test_seed_fields_read_from_glued_lines() -> None:
    risk = parse_page(MIT1163, name="mit1163.txt")
    assert risk.id == "mit1163"
    assert risk.title == "Unintended outbound communication by AI systems"
    assert (str(risk.domain), str(risk.subdomain)) == (
        "7. AI System Safety, Failures, & Limitations",
        "7.2 AI possessing dangerous capabilities",
    )
    assert risk.causal is not None
    assert [str(risk.causal.entity), str(risk.causal.intent), str(risk.causal.timing)] == [
        "2 - AI",
        "1 - Intentional",
        "2 - Post-deployment",
    ]
    assert risk.source is not None and risk.source.repository == "MIT AI Risk Repository"
    assert "obtain information could" in risk.description
    assert "[138]" in risk.description


def test_three_list_styles_give_three_titled_mitigations() -> None:
    titles = {
        read_page(path).id: [m.title for m in read_page(path).mitigations] for path in seed_paths()
    }
    assert titles["mit1163"][1] == "Mandatory Outbound Communication Whitelisting"
    assert titles["mit1166"][0] == "Strategic Friction and Capability-Gating Protocols"
    assert titles["mit1158"][2] == "Mandatory Security Auditing and Regulatory Frameworks"
    assert all(len(found) == 3 for found in titles.values())


def test_mitigation_ids_text_and_references() -> None:
    mitigations = parse_page(MIT1158).mitigations
    assert [m.id for m in mitigations] == ["mit1158.m1", "mit1158.m2", "mit1158.m3"]
    assert mitigations[1].references == ["Source 16", "Source 19"]
    assert mitigations[0].description.startswith("Implement advanced alignment techniques")
    assert "**" not in " ".join(m.description for m in mitigations)


def test_real_hyphens_stay_in_mitigations() -> None:
    text = " ".join(m.description for m in parse_page(MIT1163).mitigations)
    assert "context-aware" in text and "default-deny" in text


@pytest.mark.parametrize(
    ("mutation", "field"),
    [
        (lambda t: t.replace("Risk ID\n\nmit1163\n", ""), "risk_id"),
        (lambda t: t.replace("\nmit1163\n", "\nMIT 1163!\n"), "risk_id"),
        (lambda t: t.replace("Repositorymit1163", "Repositorymit9999"), "risk_id"),
        (lambda t: t.replace("2 - AI", "AI"), "entity"),
        (lambda t: t.replace("TIMING", "WHEN"), "timing"),
        (lambda t: t.replace("7.2 > AI possessing", "AI possessing"), "subdomain"),
        (lambda t: t.split("Mitigation strategy")[0], "mitigation_strategy"),
        (lambda t: t.replace("1. **Strict", "**Strict"), "mitigations"),
        (lambda t: t.replace("Limitations2 - Post", "Limitations3 - Other"), "domain"),
        (lambda t: t.replace("Source: MIT AI Risk Repositorymit1163", ""), "source"),
    ],
)
def test_malformed_page_names_the_field(mutation: object, field: str) -> None:
    broken = mutation(MIT1163)  # type: ignore[operator]
    with pytest.raises(InvalidInputError) as caught:
        parse_page(broken, name="page.txt")
    message = caught.value.message
    assert message.startswith("page.txt:")
    assert f": {field}" in message
    assert "\n" not in caught.value.one_line()


def test_non_utf8_page_is_rejected(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(MIT1163.encode("utf-8").replace(b"Unintended", b"Un\xffintended"))
    with pytest.raises(InvalidInputError, match=r"page.txt:4: encoding: not UTF-8"):
        read_page(page)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.sampled_from(sorted(SEED_TEXT.values())),
    cut=st.integers(min_value=0, max_value=4000),
    length=st.integers(min_value=0, max_value=400),
    insert=st.text(max_size=40),
)
def test_mutated_pages_fail_only_with_invalid_input(
    seed: str, cut: int, length: int, insert: str
) -> None:
    mutated = seed[:cut] + insert + seed[cut + length :]
    try:
        risk = parse_page(mutated)
    except InvalidInputError as exc:
        assert exc.message.startswith("<page>:")
    else:
        assert risk.mitigations and risk.title


@settings(max_examples=100, deadline=None)
@given(
    lines=st.lists(st.integers(min_value=0, max_value=60), max_size=6, unique=True),
    seed=st.sampled_from(sorted(SEED_TEXT.values())),
)
def test_pages_with_lines_dropped_fail_only_with_invalid_input(lines: list[int], seed: str) -> None:
    kept = [line for number, line in enumerate(seed.splitlines()) if number not in lines]
    try:
        risk = parse_page("\n".join(kept))
    except InvalidInputError as exc:
        assert exc.message.startswith("<page>:")
    else:
        assert risk.id in seed
