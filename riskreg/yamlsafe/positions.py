"""Where each key and list item of a parsed file is, found only when a finding asks (lazily).

Loading stays as fast as before: a file keeps its text, and only the first finding that needs a
position re-reads it (YAML: composed, not constructed; JSON: the JSONC parser in offset mode).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

import yaml

from riskreg.models.pointer import Segment
from riskreg.yamlsafe.jsonc import Path, parse_jsonc
from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import new_loader
from riskreg.yamlsafe.scalars import BOOL, INT, construct_bool, construct_int

_MERGE = "tag:yaml.org,2002:merge"


class FilePositions:
    """The positions of every document of one file's text, computed on first use."""

    def __init__(self, text: str, json_text: bool, limits: Limits) -> None:
        self._text = text
        self._json = json_text
        self._limits = limits
        self._documents: list[dict[Path, tuple[int, int]]] | None = None

    def locator(self, number: int, prefix: Path = ()) -> DocumentPositions:
        """The locator of document `number` of the file (its `items` prefix for `kind: List`)."""
        return DocumentPositions(self, number, prefix)

    def document(self, number: int) -> dict[Path, tuple[int, int]]:
        if self._documents is None:
            self._documents = _json_positions(self._text, self._limits) if self._json else []
            if not self._json:
                self._documents = [_node_positions(node) for node in _compose(self._text)]
        return self._documents[number] if number < len(self._documents) else {}


class DocumentPositions:
    """The Locator of one document: looks its paths up in the file's positions."""

    def __init__(self, file: FilePositions, number: int, prefix: Path) -> None:
        self._file = file
        self._number = number
        self._prefix = prefix

    def find(self, path: Sequence[Segment]) -> tuple[int, int] | None:
        return self._file.document(self._number).get((*self._prefix, *path))


def _json_positions(text: str, limits: Limits) -> list[dict[Path, tuple[int, int]]]:
    offsets: dict[Path, int] = {}
    parse_jsonc(text, "<positions>", limits, offsets)
    newlines = [index for index, char in enumerate(text) if char == "\n"]
    positions: dict[Path, tuple[int, int]] = {}
    for path, offset in offsets.items():
        line = bisect.bisect_left(newlines, offset)
        start = newlines[line - 1] + 1 if line else 0
        positions[path] = (line + 1, offset - start + 1)
    return [positions]


def _compose(text: str) -> list[yaml.Node]:
    """The node trees of a YAML stream that has already loaded once (so within every limit)."""
    loader = new_loader(text)
    nodes: list[yaml.Node] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is not None:
                nodes.append(node)
    finally:
        loader.dispose()
    return nodes


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _key_text(node: yaml.Node) -> Segment:
    """The key as OPA sees it (JSON object keys are strings: `1:` is "1", `on:` is "true")."""
    if not isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if node.tag == BOOL:
        return "true" if construct_bool(_CONSTRUCTOR, node) else "false"
    if node.tag == INT:
        return str(construct_int(_CONSTRUCTOR, node))
    if node.tag == "tag:yaml.org,2002:null":
        return "null"
    return str(node.value)


_CONSTRUCTOR: Any = yaml.constructor.SafeConstructor()


def _pairs(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """A mapping's pairs with `<<` merges expanded; explicit keys first, so they win."""
    explicit = [(key, value) for key, value in node.value if key.tag != _MERGE]
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in node.value:
        if key.tag == _MERGE:
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(_pairs(source))
    return explicit + merged


def _node_positions(root: yaml.Node) -> dict[Path, tuple[int, int]]:
    """path -> (line, column) of each key and list item of one document, without recursion."""
    positions: dict[Path, tuple[int, int]] = {(): _mark(root)}
    stack: list[tuple[Path, yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in _pairs(node):
                child = (*path, _key_text(key))
                if child not in positions:
                    positions[child] = _mark(key)
                    stack.append((child, value))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                child = (*path, index)
                positions[child] = _mark(item)
                stack.append((child, item))
    return positions
