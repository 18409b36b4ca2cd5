"""A Helm chart folder as documents: `helm template` offline, each document traced to its template."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from riskreg.errors import InvalidInputError
from riskreg.manifests.loader import Document, to_documents
from riskreg.manifests.sandbox import run_tool
from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import load_yaml_documents

RELEASE_NAMESPACE = "default"
OFFLINE_HINT = (
    "riskreg renders charts offline: vendor the dependencies into charts/ "
    "(`helm dependency build`) and commit them"
)
# helm writes `---` and `# Source: <chart>/templates/<file>` before every document it renders.
# The header's newline is part of it, so lines count from the template's first rendered line.
_HEADER = re.compile(r"^---[ \t]*\n# Source: (?P<source>[^\n]+?)[ \t]*(?:\n|\Z)", re.MULTILINE)
_RELEASE = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def release_name(chart: Path, where: str, limits: Limits) -> str:
    """The chart's own name, so names render as a user installing the chart would see them."""
    try:
        text = (chart / "Chart.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{where}/Chart.yaml: cannot read: {exc}") from None
    values = load_yaml_documents(text, f"{where}/Chart.yaml", limits)
    metadata = values[0][1] if values and isinstance(values[0][1], dict) else {}
    name = str(metadata.get("name") or "")
    return name if _RELEASE.match(name) and len(name) <= 53 else "release"


def render_chart(
    chart: Path,
    where: str,
    limits: Limits,
    binary: Path,
    values: list[Path],
    timeout: float,
    memory: int | None = None,
) -> list[Document]:
    """Every document `helm template` renders from the chart, its `path` the template file."""
    argv = [str(binary), "template", release_name(chart, where, limits), str(chart.resolve())]
    argv += ["--namespace", RELEASE_NAMESPACE]
    for file in values:
        argv += ["--values", str(file.resolve())]
    with tempfile.TemporaryDirectory(prefix="riskreg-helm-") as home:
        stream = run_tool(argv, Path(home), timeout, where, explain, memory)
    if len(stream.encode("utf-8")) > limits.max_file_size:
        raise InvalidInputError(
            f"{where}: rendered output is over the {limits.max_file_size}-byte cap",
            hint="raise max_file_size in [tool.riskreg] if it is real",
        )
    return documents_from_stream(stream, chart, where, limits)


def explain(line: str) -> tuple[str, str | None]:
    """helm's error line, with the way out when it is about a dependency riskreg will not fetch."""
    if line.endswith("too many levels of symbolic links"):
        # helm's line repeats the looping path dozens of times; the path itself says nothing more.
        return "a symlink loop in the chart folder (too many levels of symbolic links)", None
    return line, OFFLINE_HINT if "dependenc" in line else None


def split_sources(stream: str) -> list[tuple[str | None, str]]:
    """(template path relative to the chart, its rendered text) in output order."""
    headers = list(_HEADER.finditer(stream))
    chunks: list[tuple[str | None, str]] = []
    if not headers or stream[: headers[0].start()].strip():
        chunks.append((None, stream[: headers[0].start()] if headers else stream))
    for header, following in zip(headers, [*headers[1:], None], strict=True):
        end = following.start() if following else len(stream)
        # `gemma/templates/x.yaml` -> `templates/x.yaml`; subcharts keep `charts/<sub>/...`.
        relative = header.group("source").partition("/")[2] or header.group("source")
        chunks.append((relative, stream[header.end() : end]))
    return chunks


def documents_from_stream(stream: str, chart: Path, where: str, limits: Limits) -> list[Document]:
    """Parse helm's output chunk by chunk, so each document names the template it came from."""
    documents: list[Document] = []
    seen: dict[tuple[str, str], int] = {}
    indexes: dict[str, int] = {}
    for relative, text in split_sources(stream):
        path = f"{where}/{relative}" if relative else where
        parsed = [
            item for item in load_yaml_documents(text, f"{path} (rendered)", limits) if item[1]
        ]
        if not parsed:
            continue  # a template that rendered nothing (a disabled feature) is not a document
        template = _read(chart / relative) if relative else None
        for rendered in to_documents(parsed, path):
            occurrence = seen.get((path, rendered.kind), 0)
            seen[(path, rendered.kind)] = occurrence + 1
            index = indexes[path] = indexes.get(path, -1) + 1
            line = kind_line(template, rendered.kind, occurrence)
            documents.append(Document(path, index, line, rendered.contents))
    if not documents:
        raise InvalidInputError(f"{where}: the chart renders no documents with these values")
    return documents


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # a subchart packed as .tgz has no template file to point into


def kind_line(template: str | None, kind: str, occurrence: int) -> int:
    """The template line of the `kind:` that starts the document (top-level lines first), or 1:
    rendered text has no line in the template, but its `kind:` line is where a reader looks."""
    if template is None or not kind:
        return 1
    quoted = rf"[\"']?{re.escape(kind)}[\"']?[ \t]*(#.*)?$"
    for pattern in (rf"^kind:[ \t]*{quoted}", rf"^[ \t]+kind:[ \t]*{quoted}"):
        lines = [_line(template, match) for match in re.finditer(pattern, template, re.MULTILINE)]
        if lines:
            return lines[min(occurrence, len(lines) - 1)]
    return 1


def _line(text: str, match: re.Match[str]) -> int:
    return text.count("\n", 0, match.start()) + 1
