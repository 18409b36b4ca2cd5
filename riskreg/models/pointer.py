"""RFC 6901 JSON Pointers: how findings name a field, safe for keys such as app.kubernetes.io/name."""

from __future__ import annotations

from collections.abc import Sequence


def pointer(segments: Sequence[str | int]) -> str:
    """`["metadata", "labels", "a/b"]` -> `/metadata/labels/a~1b` (~ and / escaped)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in segments)


def segments(text: str) -> list[str]:
    """The segments of a pointer, unescaped; "" is the whole document."""
    if text == "":
        return []
    if not text.startswith("/"):
        raise ValueError(f"a JSON Pointer starts with '/': {text!r}")
    return [part.replace("~1", "/").replace("~0", "~") for part in text[1:].split("/")]
