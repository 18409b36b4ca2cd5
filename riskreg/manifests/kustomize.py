"""A kustomization folder as documents: `kustomize build` offline, each document traced to its file."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.manifests.loader import Document, to_documents
from riskreg.manifests.sandbox import run_tool
from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import load_yaml_documents

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
ORIGIN = "config.kubernetes.io/origin"
OFFLINE_HINT = (
    "riskreg builds kustomizations offline: vendor remote bases and resources into the repository"
)
PLUGIN_HINT = (
    "riskreg never runs exec or container functions, plugins or helmCharts (--enable-helm)"
)
# The first error line starts by saying that riskreg's throw-away wrapper could not include the
# folder; what follows is kustomize's real complaint.
_WRAPPER = re.compile(
    r"^accumulating resources: accumulation err='accumulating resources from '[^']*': "
    r"'[^']*' must resolve to a file': recursed accumulation of path '[^']*': "
)


def render_kustomization(
    folder: Path,
    where: str,
    limits: Limits,
    binary: Path,
    timeout: float,
    memory: int | None = None,
) -> tuple[list[Document], list[Path]]:
    """The documents `kustomize build` makes of the folder, and the files they came from.

    A throw-away kustomization next to nothing but `resources: [<folder>]` asks for origin
    annotations, so the user's files are never changed and every resource names its source file.
    """
    with tempfile.TemporaryDirectory(prefix="riskreg-kustomize-") as home:
        wrapper = Path(home).resolve() / "wrapper"
        wrapper.mkdir()
        # kustomize refuses absolute resource paths; a relative one may climb to the folder.
        relative = os.path.relpath(folder.resolve(), wrapper)
        (wrapper / "kustomization.yaml").write_text(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            f"resources:\n- {_quoted(relative)}\nbuildMetadata: [originAnnotations]\n",
            encoding="utf-8",
        )
        argv = [str(binary), "build", str(wrapper)]
        stream = run_tool(argv, Path(home), timeout, where, explain, memory)
        if len(stream.encode("utf-8")) > limits.max_file_size:
            raise InvalidInputError(
                f"{where}: built output is over the {limits.max_file_size}-byte cap",
                hint="raise max_file_size in [tool.riskreg] if it is real",
            )
        return _documents(stream, Origins(wrapper, folder.resolve(), where), limits)


def explain(line: str) -> tuple[str, str | None]:
    """kustomize's error line without the wrapper's part, and the way out where there is one."""
    line = _WRAPPER.sub("", line).removesuffix("'")
    if "127.0.0.1:9" in line or "git" in line:
        return line, OFFLINE_HINT
    if "plugin" in line or "enable-helm" in line or "function" in line:
        return line, PLUGIN_HINT
    return line, None


def _quoted(path: str) -> str:
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class Origins:
    """Turns an origin annotation's path (relative to the wrapper) into a file and its name."""

    wrapper: Path
    folder: Path
    where: str

    def file(self, relative: str) -> Path:
        return (self.wrapper / relative).resolve()

    def display(self, file: Path) -> str:
        """Named from the folder's own name, as discovery names files (`overlay/../base/x.yaml`
        becomes `base/x.yaml`)."""
        return os.path.normpath(Path(self.where) / os.path.relpath(file, self.folder))


def _documents(stream: str, origins: Origins, limits: Limits) -> tuple[list[Document], list[Path]]:
    where = origins.where
    parsed = [item for item in load_yaml_documents(stream, f"{where} (built)", limits) if item[1]]
    if not parsed:
        raise InvalidInputError(f"{where}: the kustomization builds no documents")
    documents: list[Document] = []
    sources: list[Path] = []
    indexes: dict[str, int] = {}
    for built in to_documents(parsed, where):
        origin = _pop_origin(built.contents, origins, limits)
        path = origins.display(origin) if origin else where
        index = indexes[path] = indexes.get(path, -1) + 1
        line = source_line(origin, built.contents, limits) if origin else 1
        documents.append(Document(path, index, line, built.contents))
        if origin and origin not in sources:
            sources.append(origin)
    return documents, sources


def _pop_origin(contents: dict[str, Any], origins: Origins, limits: Limits) -> Path | None:
    """Remove riskreg's origin annotation (the object is judged as kustomize builds it without
    one) and return the source file it named, when it is a local file."""
    metadata = contents.get("metadata")
    if not isinstance(metadata, dict):
        return None
    annotations = metadata.get("annotations")
    if not isinstance(annotations, dict) or ORIGIN not in annotations:
        return None
    origin = annotations.pop(ORIGIN)
    if not annotations:
        del metadata["annotations"]
    values = load_yaml_documents(str(origin), ORIGIN, limits) if isinstance(origin, str) else []
    record = values[0][1] if values and isinstance(values[0][1], dict) else {}
    if "repo" in record or not isinstance(record.get("path"), str):
        return None  # a generator or a remote file: no local file to point at
    return origins.file(record["path"])


def source_line(source: Path, contents: dict[str, Any], limits: Limits) -> int:
    """Where the object starts in its source file: the document of the same kind whose name the
    built name ends with (namePrefix and nameSuffix change names), else the first of that kind."""
    try:
        values = load_yaml_documents(source.read_text(encoding="utf-8"), str(source), limits)
    except (OSError, UnicodeDecodeError, InvalidInputError):
        return 1
    built_name = _name(contents)
    same_kind = [
        (line, v)
        for line, v in values
        if isinstance(v, dict) and v.get("kind") == contents.get("kind")
    ]
    for line, value in same_kind:
        name = _name(value)
        if name and name in built_name:
            return line
    return same_kind[0][0] if same_kind else 1


def _name(value: dict[str, Any]) -> str:
    metadata = value.get("metadata")
    name = metadata.get("name") if isinstance(metadata, dict) else None
    return name if isinstance(name, str) else ""
