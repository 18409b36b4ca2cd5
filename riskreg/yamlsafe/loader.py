"""YAML and JSON parsing that refuses alias bombs, deep nesting, duplicate keys and object tags."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import yaml
from yaml.composer import Composer

from riskreg.errors import InvalidInputError
from riskreg.yamlsafe import scalars
from riskreg.yamlsafe.limits import Limits

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# libyaml's C composer recurses once per nesting level and overflows the C stack (a segfault)
# somewhere past 20,000 levels. Nesting can never exceed the count of the characters that open
# a collection, so below this bound the fast C composer is safe; above it, Python's composer is
# used, which stops with a RecursionError instead.
_C_COMPOSER_SAFE_OPENERS = 5_000
_OPENERS = ("[", "{", "-", ":", "?")


class _StrictLoader(_Loader):  # type: ignore[misc,valid-type]
    """Safe loader: no duplicate keys, timestamps kept as strings, scalars read as kubectl does."""

    yaml_implicit_resolvers = scalars.implicit_resolvers(_Loader)

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """BaseResolver.resolve for a loader without path or wildcard resolvers (asserted below):
        the same tags, without building a list per scalar (the composer asks once per node)."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return str(tag)
            return str(self.DEFAULT_SCALAR_TAG)
        if kind is yaml.SequenceNode:
            return str(self.DEFAULT_SEQUENCE_TAG)
        return str(self.DEFAULT_MAPPING_TAG)


class _DeepStrictLoader(Composer, _StrictLoader):
    """The same loader composing in Python (over the C parser's events), for deeply nested text."""

    def __init__(self, stream: str) -> None:
        _StrictLoader.__init__(self, stream)  # type: ignore[call-arg]  # CParser takes the text
        Composer.__init__(self)


def new_loader(text: str) -> yaml.SafeLoader:
    openers = sum(text.count(char) for char in _OPENERS)
    return _StrictLoader(text) if openers < _C_COMPOSER_SAFE_OPENERS else _DeepStrictLoader(text)


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    """Mapping without duplicate keys; a key given explicitly may override one from a `<<` merge."""
    merges = any(key.tag == _MERGE_TAG for key, _ in node.value)
    own = {id(key) for key, _ in node.value if key.tag != _MERGE_TAG} if merges else None
    if merges:
        loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    explicit: set[Any] = set()
    for key_node, value_node in node.value:
        key = _usable_key(key_node, loader.construct_object(key_node, deep=True), explicit)
        if own is None or id(key_node) in own:
            explicit.add(key)
        result[key] = loader.construct_object(value_node, deep=False)
    return result


def _usable_key(node: yaml.Node, key: Any, taken: set[Any] | dict[Any, Any]) -> Any:
    """`key`, refused when it is no scalar or already among `taken` (YAML keeps the last)."""
    if not isinstance(key, str | int | float | bool) and key is not None:
        raise _located(node, "a mapping key must be a scalar")
    if key in taken:
        raise _located(node, f"duplicate key {key!r} (YAML would silently keep the last one)")
    return key


def _located(node: yaml.Node, message: str) -> yaml.MarkedYAMLError:
    return yaml.MarkedYAMLError(problem=message, problem_mark=node.start_mark)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)
scalars.install(_StrictLoader)


def _refuse(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """Safe YAML types with no JSON form (bytes, sets) would crash the hand-over to OPA."""
    raise yaml.constructor.ConstructorError(
        None, None, f"{node.tag.rsplit(':', 1)[-1]} values cannot be sent to OPA", node.start_mark
    )


for _tag in ("binary", "set"):
    _StrictLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)

# The fast resolve above is only the same as BaseResolver's while these stay empty.
assert not _StrictLoader.yaml_path_resolvers and None not in _StrictLoader.yaml_implicit_resolvers

_STR, _NULL, _SEQ = (f"tag:yaml.org,2002:{name}" for name in ("str", "null", "seq"))
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SCALARS: dict[str, Any] = {
    "tag:yaml.org,2002:timestamp": None,  # kept as text, like str
    scalars.BOOL: scalars.construct_bool,
    scalars.INT: scalars.construct_int,
    scalars.FLOAT: scalars.construct_float,
}


def construct(
    loader: yaml.SafeLoader, root: yaml.Node, walk: Callable[[], None] | None = None
) -> Any:
    """The value of a document's node tree, as `loader.construct_document(root)` builds it.

    Manifests are nearly all plain maps, lists and scalars; PyYAML's constructor spends most of
    a load dispatching those through generators and per-node bookkeeping. This builds them
    directly (one call per node, a node met again through an alias built once), and hands any
    other node (merge keys, explicit or unknown tags) to the loader's own constructors, which
    keep every refusal. tests/reliability/test_properties.py checks both agree.

    `walk` is the node budget walk of a document whose size and depth counting already bounds
    (_budget_check): only a cycle through an anchor can still break the budget. It runs when
    this meets a node again while building it (a cycle, which the walk reports) and before the
    first hand-over to the loader's constructors, which build their nodes without this check.
    """
    built: dict[int, Any] = {}
    building: set[int] = set()
    pending = [walk] if walk is not None else []

    def checked() -> None:
        while pending:
            pending.pop()()

    def delegate(node: yaml.Node) -> Any:
        checked()
        return loader.construct_object(node, deep=True)

    def value(node: yaml.Node) -> Any:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                return node.value
            if tag == _NULL:
                return None
            if tag in _SCALARS:
                make = _SCALARS[tag]
                return node.value if make is None else make(loader, node)
            return delegate(node)
        key = id(node)
        if key in built:
            if key in building:  # a cycle: the walk refuses it (with where and what)
                checked()
                raise _located(node, "document refers to itself through an anchor (a cycle)")
            return built[key]
        if tag == _SEQ and isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            built[key] = items
            building.add(key)
            items.extend(value(child) for child in node.value)
            building.discard(key)
            return items
        if tag == _MAP and isinstance(node, yaml.MappingNode):
            if any(key_node.tag == _MERGE_TAG for key_node, _ in node.value):
                built[key] = delegate(node)
                return built[key]
            result: dict[Any, Any] = {}
            built[key] = result
            building.add(key)
            for key_node, value_node in node.value:
                name = _usable_key(key_node, value(key_node), result)
                result[name] = value(value_node)
            building.discard(key)
            return result
        return delegate(node)

    try:
        return value(root)
    finally:
        loader.constructed_objects = {}
        loader.recursive_objects = {}


def _check_node_budget(root: yaml.Node, limits: Limits, where: str) -> None:
    """Count nodes as JSON would expand them (aliases included) and the depth, without recursion.

    Scalars (most nodes) are counted where their parent is, never pushed on the stack."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    on_path: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            size = 1
            for child in _children(node):
                size += 1 if isinstance(child, yaml.ScalarNode) else sizes[id(child)]
            sizes[key] = size
            if size > limits.max_nodes:
                raise _budget_error(
                    node,
                    where,
                    f"expands to more than {limits.max_nodes} nodes (alias bomb?); raise max_yaml_nodes if it is real",
                )
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _budget_error(node, where, "refers to itself through an anchor (a cycle)")
        if depth > limits.max_depth:
            raise _budget_error(node, where, f"is nested deeper than {limits.max_depth} levels")
        on_path.add(key)
        stack.append((node, depth, True))
        deep = depth + 1 > limits.max_depth  # then scalars too go on, to be refused in order
        stack.extend(
            (child, depth + 1, False)
            for child in _children(node)
            if (deep or not isinstance(child, yaml.ScalarNode)) and id(child) not in sizes
        )


def _children(node: yaml.Node) -> Iterator[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        yield from node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value


def _budget_error(node: yaml.Node, where: str, problem: str) -> InvalidInputError:
    mark = node.start_mark
    return YamlInputError(where, mark.line + 1, mark.column + 1, f"document {problem}")


class YamlInputError(InvalidInputError):
    """Invalid or refused YAML, with the 1-based line it was found on when known."""

    def __init__(
        self,
        where: str,
        line: int | None,
        column: int | None,
        problem: str,
        hint: str | None = None,
    ):
        place = f":{line}" if line else ""
        place += f":{column}" if line and column else ""
        super().__init__(f"{where}{place}: {problem}", hint=hint)
        self.line = line
        self.problem = problem


_BLOCK_PREFIX = re.compile(r"^[ ?-]*", re.MULTILINE)


_WALK, _CYCLES, _NONE = "walk", "cycles", "none"


def _budget_check(text: str, limits: Limits) -> str:
    """What the node budget needs checked, decided by counting (C-speed string scans).

    Without an alias (`*`) of an anchor (`&`) nothing expands: a document has at most about two
    nodes per character of text, and nesting is at most the longest run of indentation and
    `- `/`? ` indicators plus the flow brackets. Typical manifests clear both and skip the walk,
    which is the costliest part of loading them (_NONE).

    With a few aliases, counting still bounds both, when there is no cycle: an alias expands to
    a node written before it, so each at most doubles what came before (nodes <= N * 2**aliases),
    and a path from the root passes each alias at most once (depth <= (aliases + 1) * nesting).
    Then only a cycle is left to find, and construct finds it while building (_CYCLES).
    """
    nodes = 2 * len(text) + 1
    indent = max((len(match) for match in _BLOCK_PREFIX.findall(text)), default=0)
    depth = indent + text.count("[") + text.count("{") + 2
    aliases = text.count("*") if "&" in text else 0
    if not aliases:
        return _WALK if nodes > limits.max_nodes or depth > limits.max_depth else _NONE
    bounded = (
        aliases < _FEW_ALIASES
        and nodes << aliases <= limits.max_nodes
        and (aliases + 1) * depth <= limits.max_depth
    )
    return _CYCLES if bounded else _WALK


_FEW_ALIASES = 16


def load_yaml_nodes(text: str, where: str, limits: Limits) -> list[tuple[yaml.Node, Any]]:
    """Every document of a YAML stream as (its node tree, its value), within the limits."""
    loader = new_loader(text)
    check = _budget_check(text, limits)
    documents: list[tuple[yaml.Node, Any]] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            if check == _WALK:
                _check_node_budget(node, limits, where)
            walk = partial(_check_node_budget, node, limits, where) if check == _CYCLES else None
            documents.append((node, construct(loader, node, walk)))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise YamlInputError(where, line, column, problem, hint="fix the YAML") from None
    except yaml.YAMLError as exc:
        raise YamlInputError(where, None, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlInputError(where, *_place(loader), "document is nested too deeply") from None
    finally:
        loader.dispose()
    return documents


def load_yaml_documents(text: str, where: str, limits: Limits) -> list[tuple[int, Any]]:
    """Every document of a YAML stream as (1-based start line, value); None documents are kept."""
    return [
        (node.start_mark.line + 1, value) for node, value in load_yaml_nodes(text, where, limits)
    ]


def _place(loader: yaml.SafeLoader) -> tuple[int | None, int | None]:
    """(line, column) of the event the parser stopped at, when it can still say."""
    try:
        mark = loader.peek_event().start_mark  # type: ignore[no-untyped-call]
    except Exception:  # the parser may be unusable after the error; the place is a nicety
        return None, None
    return mark.line + 1, mark.column + 1


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON can carry")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large for a JSON number")
    return value


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def load_json_document(text: str, where: str, limits: Limits) -> Any:
    """One JSON document, refusing duplicate keys and nesting deeper than the limit."""
    depth = _max_bracket_depth(text)
    if depth > limits.max_depth:
        raise InvalidInputError(
            f"{where}: document is nested deeper than {limits.max_depth} levels"
        )
    try:
        return json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_no_constants,
            parse_float=_finite,
        )
    except json.JSONDecodeError as exc:
        raise InvalidInputError(
            f"{where}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}"
        ) from None
    except ValueError as exc:
        raise InvalidInputError(f"{where}: invalid JSON: {exc}") from None


def _max_bracket_depth(text: str) -> int:
    """Nesting depth of JSON text, ignoring brackets inside strings; linear and recursion-free."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest
