"""Import MIT AI Risk Repository risk pages (the text of airisk.mit.edu risk pages) into Risks.

A page, as the seeds in ../shared/seeds show, is a run of non-empty lines:

    Back to the MIT repository
    7. AI System Safety, Failures, & Limitations2 - Post-deployment   <- domain and timing glued
    <title>
    <description paragraphs>
    Source: MIT AI Risk Repositorymit1163                              <- id glued to the name
    ENTITY / INTENT / TIMING / Risk ID    each followed by its value line
    Domain lineage, then the domain, "N mapped risks" and "7.2 > subdomain"
    Mitigation strategy, then an inline "1. **Title** text 2. ..." list

Every field is read or the page is rejected with `file:line: field: message`; nothing is guessed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from riskreg.errors import InvalidInputError
from riskreg.models.risk import (
    RISK_ID_PATTERN,
    CausalTaxonomy,
    Coded,
    Domain,
    Mitigation,
    Risk,
    Source,
    Subdomain,
)
from riskreg.register.text import dehyphenate, references, squeeze, strip_markup

_MARKERS = ("entity", "intent", "timing", "risk id", "domain lineage", "mitigation strategy")
_DOMAIN = re.compile(r"(\d+|X)\.\s*(\S.*)")
_SUBDOMAIN = re.compile(r"([0-9X]+\.[0-9]+)\s*>\s*(\S.*)")
_ITEM_START = re.compile(r"(?:^|(?<=\s))(\d{1,2})\.\s+")
_LEADING_BOLD = re.compile(r"\*\*(.+?)\*\*\s*[:.]?\s*(.*)", re.S)
_ANY_BOLD = re.compile(r"\*\*(.+?)\*\*")


@dataclass(frozen=True)
class _Line:
    number: int
    text: str


class _Page:
    """The non-empty lines of one page and the helpers that read its fields."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        self.lines = [
            _Line(number, line.strip())
            for number, line in enumerate(text.splitlines(), start=1)
            if line.strip()
        ]

    def fail(self, line: int, field: str, message: str) -> InvalidInputError:
        return InvalidInputError(f"{self.name}:{line}: {field}: {message}")

    def marker(self, label: str) -> int:
        """Index of the line that is exactly `label` (any case); the field is missing otherwise."""
        for index, line in enumerate(self.lines):
            if line.text.casefold() == label:
                return index
        raise self.fail(self._last(), label.replace(" ", "_"), f"no '{label}' heading on the page")

    def value_after(self, label: str) -> _Line:
        index = self.marker(label)
        if index + 1 >= len(self.lines) or self.lines[index + 1].text.casefold() in _MARKERS:
            raise self.fail(self.lines[index].number, label.replace(" ", "_"), "value missing")
        return self.lines[index + 1]

    def coded(self, label: str) -> Coded:
        line = self.value_after(label)
        try:
            return Coded.parse(line.text)
        except ValueError as exc:
            raise self.fail(line.number, label, str(exc)) from None

    def _last(self) -> int:
        return self.lines[-1].number if self.lines else 1


def read_page(path: Path) -> Risk:
    """Read one page file (UTF-8) into a Risk; the file's name and sha256 go into its Source."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            f"{path}:{line}: encoding: not UTF-8 (byte {data[exc.start]:#04x} at offset {exc.start})"
        ) from None
    return parse_page(text, name=str(path), sha256=hashlib.sha256(data).hexdigest())


def parse_page(text: str, name: str = "<page>", sha256: str | None = None) -> Risk:
    """Parse the text of one risk page; raises InvalidInputError naming the unreadable field."""
    page = _Page(text, name)
    risk_id = _risk_id(page)
    timing = page.coded("timing")
    domain, subdomain = _lineage(page)
    header, title, paragraphs, source_line = _body(page)
    _check_header(page, header, domain, timing)
    repository = _repository(page, source_line, risk_id)
    fields = {
        "id": risk_id,
        "title": dehyphenate(squeeze(title.text)),
        "description": "\n\n".join(dehyphenate(squeeze(p.text)) for p in paragraphs),
        "domain": domain,
        "subdomain": subdomain,
        "causal": CausalTaxonomy(
            entity=page.coded("entity"), intent=page.coded("intent"), timing=timing
        ),
        "source": Source(repository=repository, file=Path(name).name, sha256=sha256),
        "mitigations": _mitigations(page, risk_id),
    }
    try:
        return Risk.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "risk"
        raise page.fail(title.number, where, first["msg"]) from None


def _risk_id(page: _Page) -> str:
    line = page.value_after("risk id")
    if not re.fullmatch(RISK_ID_PATTERN, line.text):
        raise page.fail(line.number, "risk_id", f"{line.text!r} is not a risk id like 'mit1163'")
    return line.text


def _body(page: _Page) -> tuple[_Line, _Line, list[_Line], _Line]:
    """Header line, title line, description paragraphs and the `Source:` line, in page order."""
    lines = page.lines
    start = 1 if lines and lines[0].text.casefold().startswith("back to the") else 0
    source = next((i for i, line in enumerate(lines) if line.text.startswith("Source:")), None)
    if source is None:
        raise page.fail(page.lines[-1].number, "source", "no 'Source:' line on the page")
    if source - start < 3:
        where = lines[min(start, len(lines) - 1)].number
        raise page.fail(where, "description", "expected header, title and description")
    return lines[start], lines[start + 1], lines[start + 2 : source], lines[source]


def _check_header(page: _Page, header: _Line, domain: Domain, timing: Coded) -> None:
    """The first line repeats domain and timing, glued; a mismatch means a garbled page."""
    glued = f"{domain}{timing}"
    if squeeze(header.text).replace(" ", "") != glued.replace(" ", ""):
        raise page.fail(header.number, "domain", f"header {header.text!r} is not {glued!r}")


def _repository(page: _Page, line: _Line, risk_id: str) -> str:
    """`Source: MIT AI Risk Repositorymit1163` names the repository, the id glued on."""
    text = line.text.removeprefix("Source:").strip()
    glued = re.search(r"mit\d+$", text)
    if glued and glued.group(0) != risk_id:
        raise page.fail(line.number, "risk_id", f"source line says {glued.group(0)}, not {risk_id}")
    repository = text.removesuffix(risk_id).strip()
    if not repository:
        raise page.fail(line.number, "source", "no repository name after 'Source:'")
    return repository


def _lineage(page: _Page) -> tuple[Domain, Subdomain]:
    start = page.marker("domain lineage")
    end = page.marker("mitigation strategy")
    domain: Domain | None = None
    subdomain: Subdomain | None = None
    for line in page.lines[start + 1 : end]:
        if match := _SUBDOMAIN.fullmatch(line.text):
            subdomain = Subdomain(code=match.group(1), name=match.group(2))
        elif match := _DOMAIN.fullmatch(line.text):
            domain = Domain(code=match.group(1), name=match.group(2))
    where = page.lines[start].number
    if domain is None:
        raise page.fail(where, "domain", "no '7. Domain name' line under 'Domain lineage'")
    if subdomain is None:
        raise page.fail(where, "subdomain", "no '7.2 > Subdomain' line under 'Domain lineage'")
    return domain, subdomain


def _mitigations(page: _Page, risk_id: str) -> list[Mitigation]:
    start = page.marker("mitigation strategy")
    where = page.lines[start].number
    text = " ".join(line.text for line in page.lines[start + 1 :])
    items = _split_items(text)
    if not items:
        raise page.fail(where, "mitigations", "no '1. **Title** text' list after the heading")
    return [
        _mitigation(page, where, f"{risk_id}.m{number}", item)
        for number, item in enumerate(items, start=1)
    ]


def _split_items(text: str) -> list[str]:
    """Split `1. … 2. … 3. …`, accepting only the next expected number as an item start."""
    starts: list[re.Match[str]] = []
    for match in _ITEM_START.finditer(text):
        if int(match.group(1)) == len(starts) + 1:
            starts.append(match)
    if not starts or text[: starts[0].start()].strip():
        return []
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return [text[match.end() : end].strip() for match, end in zip(starts, ends, strict=True)]


def _mitigation(page: _Page, where: int, mitigation_id: str, item: str) -> Mitigation:
    """`**Title** text`, `**Title:** text` or `Implement **Title**. text` (then the whole item)."""
    field = f"mitigations.{mitigation_id}"
    if lead := _LEADING_BOLD.fullmatch(item):
        title, description = lead.group(1).rstrip(":. "), lead.group(2)
    elif inner := _ANY_BOLD.search(item):
        title, description = inner.group(1).rstrip(":. "), item
    else:
        raise page.fail(where, f"{field}.title", "no **bold** title in the item")
    description = dehyphenate(squeeze(strip_markup(description)))
    if not title.strip() or not description:
        raise page.fail(where, f"{field}.description", "empty title or description")
    return Mitigation(
        id=mitigation_id,
        title=dehyphenate(squeeze(title)),
        description=description,
        references=references(description),
    )
