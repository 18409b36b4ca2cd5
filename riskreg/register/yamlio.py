"""Safe YAML in and out for the register: data plus line numbers on load, stable text on dump."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import YamlInputError, load_yaml_nodes

# The C dumper is the safe variant too; it is only faster (and optional).
ModelT = TypeVar("ModelT", bound=BaseModel)
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, printed as `file:line: field: message`."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {' '.join(self.message.split())}"


@dataclass(frozen=True)
class YamlDocument:
    """Parsed data and the node tree it came from, to turn a field path into a line number."""

    data: Any
    node: yaml.Node | None

    def line_of(self, loc: Sequence[int | str]) -> int | None:
        """1-based line of the deepest node on the path `loc` (e.g. ('risks', 0, 'title'))."""
        node = self.node
        line = node.start_mark.line + 1 if node is not None else None
        for part in loc:
            node = _child(node, part)
            if node is None:
                break
            line = node.start_mark.line + 1
        return line


def _child(node: yaml.Node | None, part: int | str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return value if isinstance(value, yaml.Node) else None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        child = node.value[part]
        return child if isinstance(child, yaml.Node) else None
    return None


def parse_yaml(text: str, where: str = "<register>") -> YamlDocument:
    """Parse one YAML document with the shared strict loader (no duplicate keys, alias and depth
    budgets, kubectl's scalars); raises YamlInputError, which carries the line."""
    documents = load_yaml_nodes(text, where, Limits())
    if len(documents) > 1:
        line = documents[1][0].start_mark.line + 1
        raise YamlInputError(where, line, None, "a register file holds one YAML document")
    node, data = documents[0] if documents else (None, None)
    return YamlDocument(data=data, node=node)


def yaml_problem(file: str, error: YamlInputError) -> Problem:
    """A YAML error as a register problem line (`file:line: yaml: problem`)."""
    return Problem(file, error.line, "yaml", error.problem)


def prune(data: Any) -> Any:
    """Drop None and empty lists or mappings, so files hold only what was said."""
    if isinstance(data, dict):
        pruned = {key: prune(value) for key, value in data.items()}
        return {key: value for key, value in pruned.items() if value not in (None, [], {})}
    if isinstance(data, list):
        return [prune(item) for item in data]
    return data


def dump_yaml(data: Any) -> str:
    """Deterministic YAML: keys in model order, UTF-8 text, lines wrapped at 100 columns."""
    text: str = yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return text


def read_yaml_model(
    path: Path, model: type[ModelT]
) -> tuple[ModelT | None, YamlDocument | None, list[Problem]]:
    """Parse one YAML file with the bounded loader and validate it; problems carry their line."""
    try:
        document = parse_yaml(_decode(path), str(path))
    except YamlInputError as exc:
        return None, None, [yaml_problem(str(path), exc)]
    except UnicodeDecodeError as exc:
        return None, None, [Problem(str(path), None, "encoding", f"not UTF-8 ({exc.reason})")]
    try:
        return model.model_validate(document.data or {}), document, []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            field = ".".join(str(part) for part in loc) or "(file)"
            problems.append(Problem(str(path), document.line_of(loc), field, str(error["msg"])))
        return None, document, problems


def _decode(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")
