"""JSONC as VS Code reads it (JSON plus comments and trailing commas): strict, bounded, iterative.

Everything else is plain JSON (RFC 8259): double-quoted strings with JSON escapes, no control
characters in strings, JSON numbers (finite), `true`/`false`/`null`, no single quotes, no
unquoted keys, at most one trailing comma before `]` or `}`. Duplicate keys are refused, as in
the YAML loader, and so is nesting past the depth cap and more nodes than the node cap. The
parser never recurses, so no input can exhaust the stack. With `offsets`, it also records where
every key (and every list item, and the document itself) starts, for exact finding locations.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.models.pointer import Segment
from riskreg.yamlsafe.limits import Limits

Path = tuple[Segment, ...]
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*"', re.DOTALL)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_LITERALS = (("true", True), ("false", False), ("null", None))

# Parser states: what may come next.
_VALUE, _FIRST_ITEM, _NEXT_ITEM, _FIRST_KEY, _NEXT_KEY, _COLON, _AFTER = range(7)


class JsoncInputError(InvalidInputError):
    """Invalid or refused JSON/JSONC, with the 1-based line and column it was found at."""

    def __init__(self, where: str, text: str, offset: int, problem: str) -> None:
        self.line, self.column = line_and_column(text, offset)
        super().__init__(f"{where}:{self.line}:{self.column}: {problem}", hint="fix the JSON")
        self.problem = problem


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of an offset into `text`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class _Parser:
    """One parse of one text; `offsets` (when given) receives path -> offset of each key/item."""

    def __init__(self, text: str, where: str, limits: Limits, offsets: dict[Path, int] | None):
        self.text = text
        self.where = where
        self.limits = limits
        self.offsets = offsets
        self.stack: list[tuple[dict[str, Any] | list[Any], Path]] = []
        self.nodes = 0
        self.key = ""
        self.root: Any = None

    def fail(self, offset: int, problem: str) -> JsoncInputError:
        return JsoncInputError(self.where, self.text, offset, problem)

    def skip(self, pos: int) -> int:
        """Past whitespace and comments."""
        text = self.text
        while True:
            pos = _WHITESPACE.match(text, pos).end()  # type: ignore[union-attr]  # `*` always matches
            if text.startswith("//", pos):
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
            elif text.startswith("/*", pos):
                end = text.find("*/", pos + 2)
                if end < 0:
                    raise self.fail(pos, "comment `/*` is never closed with `*/`")
                pos = end + 2
            else:
                return pos

    def count(self, offset: int) -> None:
        self.nodes += 1
        if self.nodes > self.limits.max_nodes:
            raise self.fail(
                offset,
                f"document has more than {self.limits.max_nodes} nodes; "
                "raise max_yaml_nodes if it is real",
            )

    def string(self, pos: int) -> tuple[str, int]:
        match = _STRING.match(self.text, pos)
        if match is None:
            bad = re.compile(r'"(?:[^"\\\x00-\x1f]|\\.)*').match(self.text, pos)
            end = bad.end() if bad else pos
            if end < len(self.text):
                raise self.fail(end, "control character in a string (escape it, e.g. \\n)")
            raise self.fail(pos, 'string is never closed with `"`')
        token = match.group()
        if "\\" not in token:
            return token[1:-1], match.end()
        try:
            return str(json.loads(token)), match.end()
        except json.JSONDecodeError as exc:
            raise self.fail(pos + exc.pos, f"invalid escape in a string: {exc.msg}") from None

    def scalar(self, pos: int) -> tuple[Any, int]:
        """A string, number or literal at pos."""
        text = self.text
        if text.startswith('"', pos):
            return self.string(pos)
        match = _NUMBER.match(text, pos)
        if match is not None:
            token = match.group()
            try:
                value: Any = int(token) if token.isdigit() or token[1:].isdigit() else float(token)
            except ValueError as exc:  # more digits than Python converts
                raise self.fail(pos, f"not a usable number: {exc}") from None
            if isinstance(value, float) and not math.isfinite(value):
                raise self.fail(pos, f"{token} is too large for a JSON number")
            return value, match.end()
        for word, literal in _LITERALS:
            if text.startswith(word, pos):
                return literal, pos + len(word)
        raise self.fail(pos, "expected a value (object, array, string, number, true, false, null)")

    def place(self, value: Any, pos: int) -> None:
        """Attach a value to its container (or make it the root), recording a list item's offset."""
        if not self.stack:
            self.root = value
            if self.offsets is not None:
                self.offsets[()] = pos
            return
        container, path = self.stack[-1]
        if isinstance(container, list):
            if self.offsets is not None:
                self.offsets[(*path, len(container))] = pos
            container.append(value)
        else:
            container[self.key] = value

    def open(self, container: dict[str, Any] | list[Any], pos: int) -> None:
        if self.stack:
            parent, path = self.stack[-1]
            path = (*path, len(parent) if isinstance(parent, list) else self.key)
        else:
            path = ()
        self.place(container, pos)
        self.stack.append((container, path))
        if len(self.stack) > self.limits.max_depth:
            raise self.fail(pos, f"document is nested deeper than {self.limits.max_depth} levels")

    def value(self, pos: int) -> tuple[int, int]:
        """Read a value at pos; returns (the next state, the position after it)."""
        self.count(pos)
        char = self.text[pos : pos + 1]
        if char == "{":
            self.open({}, pos)
            return _FIRST_KEY, pos + 1
        if char == "[":
            self.open([], pos)
            return _FIRST_ITEM, pos + 1
        value, end = self.scalar(pos)
        self.place(value, pos)
        return _AFTER, end

    def key_at(self, pos: int) -> int:
        if not self.text.startswith('"', pos):
            raise self.fail(pos, "expected a key in double quotes")
        self.count(pos)
        key, end = self.string(pos)
        container, path = self.stack[-1]
        if key in container:
            raise self.fail(pos, f"duplicate key {key!r} (JSON would silently keep the last one)")
        self.key = key
        if self.offsets is not None:
            self.offsets[(*path, key)] = pos
        return end

    def close(self, char: str, pos: int) -> tuple[int, int]:
        container, _path = self.stack[-1]
        if char != ("]" if isinstance(container, list) else "}"):
            raise self.fail(pos, f"unexpected {char!r}")
        self.stack.pop()
        return _AFTER, pos + 1

    def step(self, state: int, pos: int) -> tuple[int, int]:
        """One transition of the state machine at pos (already past whitespace and comments)."""
        char = self.text[pos : pos + 1]
        if state == _VALUE:
            return self.value(pos)
        if state in (_FIRST_ITEM, _NEXT_ITEM):
            if char == "]":  # an empty array, or after a trailing comma
                return self.close(char, pos)
            return self.value(pos)
        if state in (_FIRST_KEY, _NEXT_KEY):
            if char == "}":
                return self.close(char, pos)
            return _COLON, self.key_at(pos)
        if state == _COLON:
            if char != ":":
                raise self.fail(pos, "expected `:` after the key")
            return _VALUE, pos + 1
        # _AFTER: a value just ended inside a container.
        container = self.stack[-1][0]
        if char == ",":
            return (_NEXT_ITEM if isinstance(container, list) else _NEXT_KEY), pos + 1
        if char in "]}" and char:
            return self.close(char, pos)
        closer = "]" if isinstance(container, list) else "}"
        raise self.fail(pos, f"expected `,` or `{closer}`")

    def parse(self) -> Any:
        text = self.text
        start = self.skip(0)
        if start >= len(text):
            raise self.fail(start, "no value: the file is empty or only comments")
        state, pos = self.value(start)
        while self.stack:
            pos = self.skip(pos)
            if pos >= len(text):
                raise self.fail(pos, "unexpected end of file (an object or array is not closed)")
            state, pos = self.step(state, pos)
        pos = self.skip(pos)
        if pos < len(text):
            raise self.fail(pos, "extra data after the document")
        return self.root


def parse_jsonc(
    text: str, where: str, limits: Limits, offsets: dict[Path, int] | None = None
) -> Any:
    """The value of JSONC text; fills `offsets` (path -> character offset) when given."""
    return _Parser(text, where, limits, offsets).parse()
