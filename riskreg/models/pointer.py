"""RFC 6901 JSON Pointers to and from the path segments a control returns (keys and list indexes)."""

from __future__ import annotations

from collections.abc import Sequence

Segment = str | int


def escape(segment: Segment) -> str:
    """One reference token: `~` becomes `~0` and `/` becomes `~1`, in that order (RFC 6901 §3)."""
    return str(segment).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """The key a reference token names; a `~` not followed by 0 or 1 is not a pointer."""
    if "~" in token.replace("~0", "").replace("~1", ""):
        raise ValueError(f"{token!r}: `~` must be followed by 0 or 1 in a JSON Pointer")
    return token.replace("~1", "/").replace("~0", "~")


def to_pointer(segments: Sequence[Segment]) -> str:
    """`["metadata", "labels", "app.kubernetes.io/name"]` -> `/metadata/labels/app.kubernetes.io~1name`."""
    return "".join("/" + escape(segment) for segment in segments)


def from_pointer(pointer: str) -> list[str]:
    """The segments of a pointer, as strings (a pointer does not say whether `0` is an index)."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise ValueError(f"{pointer!r}: a JSON Pointer is empty or starts with `/`")
    return [unescape(token) for token in pointer[1:].split("/")]


def valid_segments(path: object) -> list[Segment] | None:
    """`path` as segments when it is a list of strings and non-negative integers, else None."""
    if not isinstance(path, list):
        return None
    for segment in path:
        if isinstance(segment, bool) or not isinstance(segment, str | int):
            return None
        if isinstance(segment, int) and segment < 0:
            return None
    return path
