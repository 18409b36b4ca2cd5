"""riskreg's import graph has no circle, whether an import is at module level, inside a function
or only for type checking; `make lint` also checks the layers and this with import-linter."""

from __future__ import annotations

import grimp
import networkx as nx


def _module_graph() -> nx.DiGraph:
    imports = grimp.build_graph("riskreg", cache_dir=None)
    graph = nx.DiGraph()
    for module in imports.modules:
        graph.add_node(module)
        graph.add_edges_from(
            (module, imported) for imported in imports.find_modules_directly_imported_by(module)
        )
    return graph


def test_no_import_cycle_in_riskreg() -> None:
    graph = _module_graph()
    assert len(graph) > 50  # the whole package was read, not an empty graph
    circles = [sorted(part) for part in nx.strongly_connected_components(graph) if len(part) > 1]
    circles += [[module] for module in nx.nodes_with_selfloops(graph)]
    assert circles == [], f"import circles: {circles}"


def test_the_check_finds_a_circle_when_there_is_one() -> None:
    graph = _module_graph()
    graph.add_edge("riskreg.models.severity", "riskreg.cli.app")  # models -> cli -> ... -> models
    assert any(len(part) > 1 for part in nx.strongly_connected_components(graph))
