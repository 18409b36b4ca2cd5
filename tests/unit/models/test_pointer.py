"""JSON Pointers (RFC 6901) built from a control's path segments, and read back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskreg.models.pointer import from_pointer, to_pointer, valid_segments


def test_escapes_tilde_before_slash() -> None:
    assert to_pointer(["metadata", "labels", "app.kubernetes.io/name"]) == (
        "/metadata/labels/app.kubernetes.io~1name"
    )
    assert to_pointer(["a~b", "~1"]) == "/a~0b/~01"


def test_indexes_and_the_whole_document() -> None:
    assert to_pointer(["spec", "containers", 0, "image"]) == "/spec/containers/0/image"
    assert to_pointer([]) == ""
    assert to_pointer([""]) == "/"


@given(st.lists(st.text() | st.integers(min_value=0)))
def test_round_trip(segments: list[str | int]) -> None:
    assert from_pointer(to_pointer(segments)) == [str(segment) for segment in segments]


@pytest.mark.parametrize("bad", ["spec", "/a~2", "/a~"])
def test_refuses_what_is_no_pointer(bad: str) -> None:
    with pytest.raises(ValueError):
        from_pointer(bad)


def test_valid_segments() -> None:
    assert valid_segments(["a", 0]) == ["a", 0]
    assert valid_segments("spec.a") is None
    assert valid_segments(["a", True]) is None
    assert valid_segments(["a", -1]) is None
    assert valid_segments(["a", 1.5]) is None
