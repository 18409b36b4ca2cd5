"""JSON Pointers (RFC 6901) built from a control's path segments, and read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskreg.models.pointer import pointer, segments, valid_segments


def test_escapes_tilde_before_slash() -> None:
    assert pointer(["metadata", "labels", "app.kubernetes.io/name"]) == (
        "/metadata/labels/app.kubernetes.io~1name"
    )
    assert pointer(["a~b", "~1"]) == "/a~0b/~01"


def test_indexes_and_the_whole_document() -> None:
    assert pointer(["spec", "containers", 0, "image"]) == "/spec/containers/0/image"
    assert pointer([]) == ""
    assert pointer([""]) == "/"


@given(st.lists(st.text() | st.integers(min_value=0)))
def test_round_trip(parts: list[str | int]) -> None:
    assert segments(pointer(parts)) == [str(part) for part in parts]


@pytest.mark.parametrize("bad", ["spec", "/a~2", "/a~"])
def test_refuses_what_is_no_pointer(bad: str) -> None:
    with pytest.raises(ValueError):
        segments(bad)


def test_valid_segments() -> None:
    assert valid_segments(["a", 0]) == ["a", 0]
    assert valid_segments("spec.a") is None
    assert valid_segments(["a", True]) is None
    assert valid_segments(["a", -1]) is None
    assert valid_segments(["a", 1.5]) is None
