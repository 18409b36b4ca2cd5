"""RFC 6901 JSON Pointers: how findings name a field, safe for keys such as app.kubernetes.io/name."""

from __future__ import annotations

from collections.abc import Sequence

Segment = str | int


def pointer(segments: Sequence[Segment]) -> str:
    """`["metadata", "labels", "a/b"]` -> `/metadata/labels/a~1b` (~ and / escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in segments)


def segments(text: str) -> list[str]:
    """The segments of a pointer, unescaped; "" is the whole document."""
    if text == "":
        return []
    if not text.startswith("/"):
        raise ValueError(f"a JSON Pointer starts with '/': {text!r}")
    parts = text[1:].split("/")
    for part in parts:
        if "~" in part.replace("~0", "").replace("~1", ""):
            raise ValueError(f"{text!r}: `~` must be followed by 0 or 1 in a JSON Pointer")
    return [part.replace("~1", "/").replace("~0", "~") for part in parts]


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
