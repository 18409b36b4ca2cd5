"""Graph exports: every format parses back (or has its shape) and labels stay inert."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from riskreg.coverage.assess import analyse
from riskreg.coverage.export import GraphFormat, export
from riskreg.coverage.graph import CoverageGraph
from tests.golden import build_fixture


@pytest.fixture(scope="module")
def built() -> CoverageGraph:
    graph, _ = analyse(build_fixture.register(), build_fixture.build())
    return graph


def test_graph_has_every_layer(built: CoverageGraph) -> None:
    kinds = {data["kind"] for _, data in built.graph.nodes(data=True)}
    assert kinds == {"risk", "mitigation", "control", "result"}
    assert built.graph.has_edge("risk:mit1163", "mitigation:mit1163.m1")
    assert built.graph.has_edge("mitigation:mit1163.m1", "control:NET-002")
    assert (
        built.graph.nodes["result:NET-002@examples/deployments/coding-agent"]["outcome"] == "fail"
    )
    assert built.graph.nodes["risk:mit1163"]["status"] == "failing"


def test_graphml_round_trips(built: CoverageGraph) -> None:
    import networkx as nx

    text = export(built.graph, GraphFormat.GRAPHML)
    parsed = nx.parse_graphml(text)
    assert set(parsed.nodes) == set(built.graph.nodes)


def test_json_is_node_link(built: CoverageGraph) -> None:
    data = json.loads(export(built.graph, GraphFormat.JSON))
    assert {"nodes", "edges"} <= set(data)
    assert len(data["edges"]) == built.graph.number_of_edges()


def test_dot_quotes_labels(built: CoverageGraph) -> None:
    text = export(built.graph, GraphFormat.DOT)
    assert text.startswith("digraph coverage {")
    assert '"risk:mit1163" -> "mitigation:mit1163.m1"' in text


def test_mermaid_labels_cannot_break_out(built: CoverageGraph) -> None:
    built.graph.add_node("risk:evil", kind="risk", label='x"] --> y<script>')
    text = export(built.graph, GraphFormat.MERMAID)
    built.graph.remove_node("risk:evil")
    assert "<script>" not in text and '"]' not in text.split("x#34;")[1].split("\n")[0][:-2]
    assert text.startswith("flowchart LR")


def test_exports_are_stable(built: CoverageGraph) -> None:
    for fmt in GraphFormat:
        assert export(built.graph, fmt) == export(built.graph, fmt)


def test_svg_is_valid_xml(built: CoverageGraph) -> None:
    from riskreg.render.svg import coverage_svg

    report = build_fixture.build()
    assert report.coverage is not None
    ET.fromstring(str(coverage_svg(report.coverage)))
