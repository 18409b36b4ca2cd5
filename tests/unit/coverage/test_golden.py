"""Golden files for `riskreg coverage` (text, json) and `riskreg graph` (every format), built
from the committed fixture's register, controls and findings.

Regenerate after an intended change: RISKREG_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/coverage
"""

from __future__ import annotations

import pytest

from riskreg.coverage.assess import analyse
from riskreg.coverage.export import GraphFormat, export
from riskreg.render import coverage_text
from tests.golden import build_fixture
from tests.unit.render.conftest import assert_golden

SUFFIX = {
    GraphFormat.GRAPHML: "graphml",
    GraphFormat.DOT: "dot",
    GraphFormat.JSON: "json",
    GraphFormat.MERMAID: "mmd",
}


@pytest.mark.parametrize("fmt", list(GraphFormat), ids=lambda fmt: fmt.value)
def test_graph_export_matches_golden(fmt: GraphFormat) -> None:
    built, _ = analyse(build_fixture.register(), build_fixture.build())
    assert_golden(f"graph/coverage.{SUFFIX[fmt]}", export(built.graph, fmt))


def test_coverage_text_and_json_match_golden() -> None:
    _, coverage = analyse(build_fixture.register(), build_fixture.build())
    assert_golden("coverage/coverage.txt", coverage_text.render(coverage))
    assert_golden("coverage/coverage.json", coverage.model_dump_json(indent=2) + "\n")


def test_coverage_text_neutralises_terminal_escapes() -> None:
    _, coverage = analyse(build_fixture.register(), build_fixture.build())
    gap = coverage.gaps[0].model_copy(update={"reasons": ["\x1b]0;owned\x07 red\x1b[31m"]})
    text = coverage_text.render(coverage.model_copy(update={"gaps": [gap]}))
    assert "\x1b" not in text and "\x07" not in text
