"""Writing the coverage graph as GraphML, Graphviz DOT, node-link JSON or a Mermaid flowchart."""

from __future__ import annotations

import json
import re
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]  # no stubs locked (types-networkx)


class GraphFormat(str, Enum):
    """Formats `riskreg graph` writes."""

    GRAPHML = "graphml"
    DOT = "dot"
    JSON = "json"
    MERMAID = "mermaid"


# (fill, stroke) per status or outcome; green holds, red fails, amber partial, blue attested.
_COLOURS = {
    "verified": ("#d9f2d9", "#2e7d32"),
    "covered": ("#d9f2d9", "#2e7d32"),
    "pass": ("#d9f2d9", "#2e7d32"),
    "failing": ("#f8d7da", "#b71c1c"),
    "fail": ("#f8d7da", "#b71c1c"),
    "error": ("#f8d7da", "#b71c1c"),
    "partial": ("#fff3cd", "#8a6d00"),
    "attested": ("#e3ecfa", "#1a4c8b"),
    "gap": ("#eeeeee", "#555555"),
    "uncovered": ("#eeeeee", "#555555"),
}


def export(graph: nx.DiGraph, graph_format: GraphFormat) -> str:
    """The graph as text in the given format (nodes and edges in sorted, stable order)."""
    if graph_format is GraphFormat.GRAPHML:
        return to_graphml(graph)
    if graph_format is GraphFormat.DOT:
        return to_dot(graph)
    if graph_format is GraphFormat.JSON:
        return to_json(graph)
    if graph_format is GraphFormat.MERMAID:
        return to_mermaid(graph)
    raise AssertionError(graph_format)  # pragma: no cover - every member handled above


def _sorted(graph: nx.DiGraph) -> nx.DiGraph:
    import networkx as nx

    ordered = nx.DiGraph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True), key=lambda item: str(item[0])))
    ordered.add_edges_from(sorted(graph.edges(data=True), key=lambda item: (item[0], item[1])))
    return ordered


def to_graphml(graph: nx.DiGraph) -> str:
    import networkx as nx

    return "\n".join(nx.generate_graphml(_sorted(graph), prettyprint=True)) + "\n"


def to_json(graph: nx.DiGraph) -> str:
    import networkx as nx

    data: dict[str, Any] = nx.node_link_data(_sorted(graph), edges="edges")
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(graph: nx.DiGraph) -> str:
    lines = ["digraph coverage {", "  rankdir=LR;", "  node [shape=box, fontname=Helvetica];"]
    for node, data in sorted(graph.nodes(data=True)):
        attrs = {"label": data.get("label", node), "kind": data.get("kind", "")}
        status = data.get("status") or data.get("outcome")
        if status:
            attrs["status"] = status
            attrs["style"] = "filled"
            attrs["fillcolor"] = _COLOURS.get(status, ("#ffffff", ""))[0]
        rendered = ", ".join(f"{key}={_dot_quote(str(value))}" for key, value in attrs.items())
        lines.append(f"  {_dot_quote(node)} [{rendered}];")
    for source, target, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1])):
        lines.append(
            f"  {_dot_quote(source)} -> {_dot_quote(target)} [label={_dot_quote(data.get('relation', ''))}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_label(text: str) -> str:
    # Mermaid labels are quoted; quotes and markup characters become entity codes so they stay text.
    return re.sub(r'["<>&#]', lambda m: f"#{ord(m.group())};", text)


def to_mermaid(graph: nx.DiGraph) -> str:
    ids = {node: f"n{index}" for index, node in enumerate(sorted(graph.nodes))}
    lines = ["flowchart LR"]
    for node in sorted(graph.nodes):
        data = graph.nodes[node]
        lines.append(f'  {ids[node]}["{_mermaid_label(str(data.get("label", node)))}"]')
    for source, target in sorted(graph.edges):
        lines.append(f"  {ids[source]} --> {ids[target]}")
    for status, (fill, stroke) in _COLOURS.items():
        lines.append(f"  classDef {status} fill:{fill},stroke:{stroke}")
    for node in sorted(graph.nodes):
        status = graph.nodes[node].get("status") or graph.nodes[node].get("outcome")
        if status in _COLOURS:
            lines.append(f"  class {ids[node]} {status}")
    return "\n".join(lines) + "\n"
