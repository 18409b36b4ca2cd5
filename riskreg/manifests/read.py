"""What one file is (manifest, MCP configuration, or something to pass over) and its documents.

A file named on the command line is meant as input: it must be a manifest or an MCP
configuration, and anything wrong with it is invalid input (exit 3). A file found while walking
a folder is read only when it is one of those; other files are passed over with a reason that
the run counts, unless they look meant as input (a manifest's `apiVersion:`/`kind:`, an MCP file
name or `mcpServers`) and are broken, which stays exit 3. The README's "What riskreg reads" is
the user-facing statement of these rules.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.manifests.loader import decode, manifest_documents, parse_documents, read_bytes
from riskreg.manifests.mcp import mcp_document, named_mcp, settings_file, shape_of
from riskreg.models.target import Document
from riskreg.yamlsafe.jsonc import parse_jsonc
from riskreg.yamlsafe.limits import Limits
from riskreg.yamlsafe.loader import load_json_document
from riskreg.yamlsafe.positions import FilePositions
from riskreg.yamlsafe.secrets import recording, redact_known

CANDIDATE_SUFFIXES = (".yaml", ".yml", ".json")

# Reasons a file is passed over (keys of the run summary's `passed_over`).
CI_WORKFLOW = "ci-workflow"
COMPOSE_FILE = "compose-file"
TOOL_CONFIG = "tool-config"
NOT_A_MANIFEST = "not-a-manifest"
EMPTY = "empty"
UNPARSEABLE = "unparseable"

# Configuration of tools, not deployments, known by name: read them would only cost time (a
# package-lock.json can pass the size cap) and they never hold apiVersion/kind.
_TOOL_CONFIG_NAMES = re.compile(
    r"^(?:package(?:-lock)?\.json|npm-shrinkwrap\.json|tsconfig(?:\.[\w.-]+)?\.json|jsconfig\.json"
    r"|composer\.json|\.?renovate(?:rc)?\.json|\.eslintrc\.json|\.prettierrc\.json"
    r"|\.pre-commit-config\.yaml|\.pre-commit-hooks\.yaml|\.gitlab-ci\.yml|devcontainer\.json"
    r"|\.devcontainer\.json|launch\.json|tasks\.json|extensions\.json)$",
    re.IGNORECASE,
)
_COMPOSE = re.compile(r"^(?:docker-)?compose(?:[.-][\w.-]+)?\.ya?ml$", re.IGNORECASE)
_MEANT = re.compile(
    r"^[ \t]*(?:-[ \t]+)?[\"']?(?:apiVersion|kind)[\"']?[ \t]*:|\"mcpServers\"[ \t]*:", re.MULTILINE
)


@dataclass(frozen=True)
class FileRead:
    """A file's documents, or why it was passed over (then `documents` is empty)."""

    documents: list[Document] = field(default_factory=list)
    passed_over: str | None = None


def candidate(path: Path) -> bool:
    """A file riskreg looks at while walking a folder: YAML or JSON by its suffix."""
    return path.suffix.lower() in CANDIDATE_SUFFIXES


def passed_over_by_name(path: Path) -> str | None:
    """Files known by their name or place not to be deployment input (read no further)."""
    parts = [part.lower() for part in path.parts]
    if len(parts) >= 3 and parts[-3:-1] == [".github", "workflows"]:
        return CI_WORKFLOW
    if _COMPOSE.match(path.name):
        return COMPOSE_FILE
    if _TOOL_CONFIG_NAMES.match(path.name):
        return TOOL_CONFIG
    return None


def read_file(path: Path, where: str, limits: Limits, explicit: bool) -> FileRead:
    """The documents of one file; `explicit` when the user named it (strict: never passed over)."""
    if not explicit and (reason := passed_over_by_name(path)):
        return FileRead(passed_over=reason)
    return _read_text(decode(read_bytes(path, where, limits), where), path, where, limits, explicit)


def _read_text(text: str, path: Path, where: str, limits: Limits, explicit: bool) -> FileRead:
    named = named_mcp(path)
    try:
        values, json_text, strict = _parse(text, where, limits, path, named)
    except InvalidInputError:
        if explicit or named or _MEANT.search(text):
            raise
        return FileRead(passed_over=UNPARSEABLE)
    if len(values) == 1 and (shape := shape_of(values[0][1], named)):
        positions = FilePositions(text, json_text, limits)
        return FileRead([mcp_document(values[0][1], shape, where, positions.locator(0))])
    if not explicit and (reason := _not_meant(values, path)):
        return FileRead(passed_over=reason)
    if not strict:  # comments and trailing commas are for MCP/VS Code files, not manifests
        load_json_document(text, where, limits)
    return FileRead(manifest_documents(text, where, values, limits, json_text))


def _parse(
    text: str, where: str, limits: Limits, path: Path, named: bool
) -> tuple[list[tuple[int, Any]], bool, bool]:
    """(line, value) pairs, whether the text is JSON, and whether it is strict JSON (else JSONC)."""
    if path.suffix.lower() != ".json":
        return parse_documents(text, where, limits), False, True
    try:
        return [(1, load_json_document(text, where, limits))], True, True
    except InvalidInputError as strict_error:
        try:
            value = parse_jsonc(text, where, limits)
        except InvalidInputError as error:
            # An MCP file is JSONC, so its own reader's message is the precise one.
            raise (error if named else strict_error) from None
        return [(1, value)], True, False


def _not_meant(values: list[tuple[int, Any]], path: Path) -> str | None:
    """Why parsed values are no input riskreg reads, or None when they are meant as manifests."""
    if all(value is None for _line, value in values):
        return EMPTY
    if any(
        isinstance(value, dict) and ("kind" in value or "apiVersion" in value)
        for _, value in values
    ):
        return None
    return TOOL_CONFIG if settings_file(path) else NOT_A_MANIFEST


def load_file(path: Path, where: str, limits: Limits) -> list[Document]:
    """All documents of a file the user named (a manifest or an MCP configuration)."""
    return read_file(path, where, limits, explicit=True).documents


def redacted_copy(path: Path, where: str, limits: Limits) -> bytes:
    """The file's bytes with every secret riskreg redacts replaced by its marker (for archives).

    Refuses (invalid input) rather than return a copy in which riskreg would still find one.
    """
    with recording() as pairs:
        read_file(path, where, limits, explicit=True)
    data = read_bytes(path, where, limits)
    if not pairs:
        return data
    text = decode(data, where)
    for secret, replacement in sorted(set(pairs), key=lambda pair: -len(pair[0])):
        for form in {
            secret,
            json.dumps(secret)[1:-1],
            json.dumps(secret, ensure_ascii=False)[1:-1],
        }:
            text = text.replace(form, replacement)
    text = redact_known(text)
    with recording() as left:
        _read_text(text, path, where, limits, explicit=True)
    if left:
        raise InvalidInputError(f"{where}: a secret in this file could not be redacted in a copy")
    return text.encode("utf-8")
