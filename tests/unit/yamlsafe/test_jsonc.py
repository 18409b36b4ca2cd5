"""The JSONC reader: json.loads on plain JSON, VS Code's comments and trailing commas, caps, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskreg.errors import InvalidInputError
from riskreg.yamlsafe.jsonc import parse_jsonc
from riskreg.yamlsafe.limits import Limits

LIMITS = Limits()

_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_values, st.sampled_from([None, 0, 2, "\t"]), st.booleans())
def test_plain_json_reads_as_json_loads_reads_it(value: Any, indent: Any, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert parse_jsonc(text, "f.json", LIMITS) == json.loads(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=' \t\n\r{}[],:"\\/*0123456789.eE+-truefalsnu', max_size=30))
def test_agrees_with_json_loads_on_what_it_accepts(text: str) -> None:
    """Anything json.loads accepts reads the same; anything both refuse is an error, never a crash."""
    try:
        expected = json.loads(text)
    except (ValueError, RecursionError):
        expected = KeyError  # json.loads refused it
    try:
        got = parse_jsonc(text, "f.json", LIMITS)
    except InvalidInputError:
        got = KeyError
    if expected is not KeyError:
        assert got == expected
        return
    # json.loads refused: JSONC may still accept comments, trailing commas (and nothing else)
    if got is not KeyError:
        assert "/" in text or "," in text, text


def test_comments_and_trailing_commas() -> None:
    text = """{
      // a line comment
      "servers": { /* a block
        comment */ "a": {"args": ["x", "y",],},
      },
    }"""
    assert parse_jsonc(text, "mcp.json", LIMITS) == {"servers": {"a": {"args": ["x", "y"]}}}


def test_comment_markers_inside_strings_are_text() -> None:
    assert parse_jsonc('{"url": "https://x//y/*z*/"}', "f", LIMITS) == {"url": "https://x//y/*z*/"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("{\n  'a': 1}", "f:2:3: expected a key in double quotes"),
        ('{"a": 1,,}', "f:1:9: expected a key"),
        ("[1,,]", "f:1:4: expected a value"),
        ("[,]", "f:1:2: expected a value"),
        ('{"a": 1\n "b": 2}', "f:2:2: expected `,` or `}`"),
        ('{"a": 1, "a": 2}', "f:1:10: duplicate key 'a'"),
        ('{"a": "x\ty"}', "f:1:9: control character"),
        ('{"a": "\\q"}', "f:1:8: invalid escape"),
        ("/* open", "f:1:1: comment `/*` is never closed"),
        ("// only a comment\n", "f:2:1: no value"),
        ('{"a": NaN}', "f:1:7: expected a value"),
        ('{"a": 1e999}', "f:1:7: 1e999 is too large"),
        ("[1] [2]", "f:1:5: extra data"),
        ('{"a": [1}', "f:1:9: unexpected '}'"),
        ('{"a": ', "f:1:7: unexpected end of file"),
        ('"abc', "f:1:1: string is never closed"),
    ],
)
def test_errors_name_line_and_column(text: str, where: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_jsonc(text, "f", LIMITS)
    assert where in caught.value.one_line()


def test_depth_cap_without_recursion() -> None:
    deep = "[" * 100_000 + "]" * 100_000
    with pytest.raises(InvalidInputError, match="nested deeper than 200"):
        parse_jsonc(deep, "f", LIMITS)
    assert parse_jsonc("[" * 200 + "]" * 200, "f", LIMITS) is not None


def test_node_cap() -> None:
    with pytest.raises(InvalidInputError, match="more than 100 nodes"):
        parse_jsonc("[" + ",".join(["1"] * 150) + "]", "f", Limits(max_nodes=100))


def test_offsets_of_keys_items_and_the_root() -> None:
    offsets: dict[tuple[str | int, ...], int] = {}
    text = '// c\n{"a": [10, {"b": 1}]}'
    parse_jsonc(text, "f", LIMITS, offsets)
    assert offsets == {(): 5, ("a",): 6, ("a", 0): 12, ("a", 1): 16, ("a", 1, "b"): 17}
