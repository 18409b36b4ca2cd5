"""Text repair and comparison shared by the importers: PDF hyphenation, citations, normalising."""

from __future__ import annotations

import re

# A line break inside a word in the source PDF leaves "infor- mation". The part after the break
# starts in lower case; "pre- and post-" (a suspended hyphen) is followed by a conjunction instead.
_BROKEN_WORD = re.compile(r"(?<=[a-z])- (?!(?:and|or|nor|to|versus|vs)\b)(?=[a-z])")
_SOURCE_NOTE = re.compile(r"\(Sources? (\d+(?:\s*,\s*\d+)*)\)")
_BRACKET_NOTE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
_QUOTES = "\"'\u201c\u201d\u2018\u2019"  # straight and curly quotes


def dehyphenate(text: str) -> str:
    """Join words the PDF split at a line end, keeping real and suspended hyphens."""
    return _BROKEN_WORD.sub("", text)


def strip_markup(text: str) -> str:
    """Drop Markdown bold markers, which are emphasis on the page, not data."""
    return text.replace("**", "")


def squeeze(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return " ".join(text.split())


def normalised(text: str) -> str:
    """A form for comparing texts from different sources: no quotes, hyphenation or case noise."""
    return squeeze(dehyphenate(squeeze(text).strip(_QUOTES))).casefold()


def references(text: str) -> list[str]:
    """Citations in reading order, one per cited number: `Source 3`, `[138]`; no repeats."""
    found: list[tuple[int, str]] = []
    for match in _SOURCE_NOTE.finditer(text):
        found += [(match.start(), f"Source {n.strip()}") for n in match.group(1).split(",")]
    for match in _BRACKET_NOTE.finditer(text):
        found += [(match.start(), f"[{n.strip()}]") for n in match.group(1).split(",")]
    ordered = [note for _, note in sorted(found, key=lambda item: item[0])]
    return list(dict.fromkeys(ordered))
