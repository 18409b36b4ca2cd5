"""Reading manifest files into documents: size cap, strict UTF-8, YAML/JSON, `kind: List` expansion."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.models.target import Document, Target
from riskreg.yamlsafe.jsonc import Path as KeyPath
from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import load_json_document, load_yaml_documents
from riskreg.yamlsafe.positions import FilePositions
from riskreg.yamlsafe.secrets import MARKER, has_known, marker, redact_known, redact_strings

__all__ = ["Document", "Target", "load_text", "manifest_documents"]

AI_DEPLOYMENT = ("riskreg/v1", "AIDeployment")


def decode(data: bytes, where: str) -> str:
    """Strict UTF-8 (a UTF-8 BOM is allowed); anything else is a clear error, not mojibake."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InvalidInputError(f"{where}: file is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InvalidInputError(f"{where}: byte {offset}: NUL byte; this is not a text manifest")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{where}: byte {exc.start}: not valid UTF-8", hint="save the file as UTF-8"
        ) from None


def read_bytes(path: Path, where: str, limits: Limits) -> bytes:
    """The file's bytes, refusing files over the size cap before reading them."""
    try:
        size = path.stat().st_size
        if size > limits.max_file_size:
            raise InvalidInputError(
                f"{where}: file is {size} bytes, over the {limits.max_file_size}-byte cap",
                hint="raise max_file_size in [tool.riskreg] if it is real",
            )
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"{where}: cannot read: {exc.strerror or exc}") from None


def parse_documents(text: str, where: str, limits: Limits) -> list[tuple[int, Any]]:
    """Parse YAML (multi-document) or JSON text into (line, value) pairs."""
    if where.endswith(".json"):
        return [(1, load_json_document(text, where, limits))]
    return load_yaml_documents(text, where, limits)


def to_documents(
    values: list[tuple[int, Any]],
    where: str,
    positions: FilePositions | None = None,
    known_secrets: bool = True,
) -> list[Document]:
    """Turn parsed values into documents: skip empty ones, expand `kind: List`, reject non-objects.

    Secrets are redacted here, before any document exists: Secret objects' values always, and
    well-known credential shapes anywhere when `known_secrets` (the caller's cheap text check).
    """
    documents: list[Document] = []
    for number, (line, value) in enumerate(values):
        if value is None:
            continue
        if known_secrets:
            value = redact_strings(value, redact_known)
        for prefix, item in _expand_list(value, where, line):
            if item["kind"] == "Secret":
                item = _redact_secret(item)
            locator = positions.locator(number, prefix) if positions else None
            documents.append(
                Document(
                    path=where, index=len(documents), line=line, contents=item, locator=locator
                )
            )
    if not documents:
        raise InvalidInputError(f"{where}: no documents (the file is empty or only `---`)")
    return documents


def _expand_list(
    value: Any, where: str, line: int, prefix: KeyPath = ()
) -> list[tuple[KeyPath, dict[str, Any]]]:
    if not isinstance(value, dict):
        raise InvalidInputError(
            f"{where}:{line}: document is a {type(value).__name__}, not an object with `kind`"
        )
    if not isinstance(value.get("kind"), str) or not value["kind"]:
        raise InvalidInputError(f"{where}:{line}: kind: missing; every manifest needs `kind`")
    if value["kind"] == "List" or (value["kind"].endswith("List") and "items" in value):
        items = value.get("items") or []
        if not isinstance(items, list):
            raise InvalidInputError(f"{where}:{line}: items: must be a list")
        expanded: list[tuple[KeyPath, dict[str, Any]]] = []
        for number, item in enumerate(items):
            expanded.extend(_expand_list(item, where, line, (*prefix, "items", number)))
        return expanded
    return [(prefix, value)]


def _redact_secret(item: dict[str, Any]) -> dict[str, Any]:
    """A Kubernetes Secret's values are secrets by definition, whatever their shape."""
    copy = dict(item)
    for field in ("data", "stringData"):
        values = copy.get(field)
        if isinstance(values, dict):
            copy[field] = {key: _secret_value(value) for key, value in values.items()}
    return copy


def _secret_value(value: Any) -> str:
    text = str(value)
    return text if MARKER.fullmatch(text) else marker("kubernetes-secret", text)


def manifest_documents(
    text: str, where: str, values: list[tuple[int, Any]], limits: Limits, json_text: bool
) -> list[Document]:
    """The documents of a manifest file's parsed values, redacted, with lazy positions."""
    positions = FilePositions(text, json_text, limits)
    # The text check is C-speed; an escape (YAML "\x67", JSON "\u0067") could hide a token from
    # it, so text with a backslash gets the walk over every string value instead.
    known = has_known(text) or "\\" in text
    return to_documents(values, where, positions, known_secrets=known)


def load_text(text: str, where: str, limits: Limits) -> list[Document]:
    """All documents of manifest text (for stdin); an MCP configuration is read as one too."""
    from riskreg.manifests.mcp import mcp_document, shape_of

    if len(text.encode("utf-8")) > limits.max_file_size:
        raise InvalidInputError(f"{where}: input is over the {limits.max_file_size}-byte cap")
    json_text = where.endswith(".json")
    values = parse_documents(text, where, limits)
    shape = shape_of(values[0][1], named=False) if len(values) == 1 else None
    if shape is not None:
        positions = FilePositions(text, json_text, limits)
        return [mcp_document(values[0][1], shape, where, positions.locator(0))]
    return manifest_documents(text, where, values, limits, json_text)
