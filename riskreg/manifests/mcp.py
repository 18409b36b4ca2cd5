"""MCP configuration files: recognised by name and by shape, validated, redacted, sent as format mcp."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.models.target import MCP, Document, Locator
from riskreg.yamlsafe.secrets import redact_credential, redact_known, redact_strings

# File names clients read MCP servers from (the flattened `owner__repo__path` names of
# ../shared/data/mcp-configs end the same way): Claude Code `.mcp.json` (also `<x>.mcp.json`),
# VS Code/Cursor/Roo/Kiro/Amazon Q `mcp.json`, Claude Desktop `claude_desktop_config*.json`,
# Windsurf `mcp_config.json`, Cline `cline_mcp_settings.json`.
_MCP_NAME = re.compile(
    r"(?:^|[._])mcp\.json$|claude_desktop_config[^/]*\.json$|(?:^|_)mcp_config\.json$"
    r"|mcp_settings\.json$",
    re.IGNORECASE,
)
# Files that hold MCP servers only sometimes, among other settings (VS Code, Gemini CLI).
_SETTINGS = {(".vscode", "settings.json"), (".gemini", "settings.json")}
_URL_FIELDS = ("url", "serverUrl", "httpUrl")


def named_mcp(path: PurePath) -> bool:
    """Whether the file name says MCP configuration, whatever it holds."""
    return bool(_MCP_NAME.search(path.name))


def settings_file(path: PurePath) -> bool:
    return (path.parent.name, path.name) in _SETTINGS


def _looks_like_servers(servers: Any) -> bool:
    """A non-empty name -> server map: every value an object with a command or a URL."""
    return (
        isinstance(servers, dict)
        and bool(servers)
        and all(
            isinstance(server, dict)
            and any(isinstance(server.get(field), str) for field in ("command", *_URL_FIELDS))
            for server in servers.values()
        )
    )


def _is_descriptor(value: dict[str, Any]) -> bool:
    """A registry server.json: a name, and packages or remotes as the registry schema has them."""
    if not isinstance(value.get("name"), str):
        return False
    packages, remotes = value.get("packages"), value.get("remotes")
    if not isinstance(packages, list) and not isinstance(remotes, list):
        return False
    schema = value.get("$schema")
    return (isinstance(schema, str) and "server.schema.json" in schema) or any(
        isinstance(item, dict) and ("registryType" in item or "url" in item)
        for item in [*(packages or []), *(remotes or [])]
    )


def shape_of(value: Any, named: bool) -> str | None:
    """Which MCP shape `value` has (a key of models.mcp.SHAPES), or None when it is none.

    A file named as an MCP configuration is one even when it lists no servers (then it is an
    empty client configuration); any other file must show its servers.
    """
    if not isinstance(value, dict) or "kind" in value or "apiVersion" in value:
        return None
    if isinstance(value.get("mcpServers"), dict):
        return "client"
    if isinstance(value.get("servers"), dict) and (named or _looks_like_servers(value["servers"])):
        return "client"
    mcp = value.get("mcp")
    if isinstance(mcp, dict) and isinstance(mcp.get("servers"), dict):
        return "settings"
    if _is_descriptor(value):
        return "descriptor"
    if named and _looks_like_servers(value):
        return "plugin"
    return "client" if named else None


def _server_maps(value: dict[str, Any], shape: str) -> list[dict[str, Any]]:
    if shape == "plugin":
        return [value]
    if shape == "settings":
        return [value["mcp"]["servers"]]
    return [value[key] for key in ("mcpServers", "servers") if isinstance(value.get(key), dict)]


def _redact_server(server: Any) -> None:
    """Where credentials are passed (env, args, headers, URLs): high-entropy tokens too."""
    if not isinstance(server, dict):
        return
    for field in ("env", "headers"):
        if isinstance(server.get(field), dict):
            server[field] = redact_strings(server[field], redact_credential)
    if isinstance(server.get("args"), list):
        server["args"] = redact_strings(server["args"], redact_credential)
    for field in _URL_FIELDS:
        if isinstance(server.get(field), str):
            server[field] = redact_credential(server[field])


def _redact_descriptor(value: dict[str, Any]) -> None:
    items = [*(value.get("packages") or []), *(value.get("remotes") or [])]
    for item in (item for item in items if isinstance(item, dict)):
        for field in ("environmentVariables", "runtimeArguments", "packageArguments", "headers"):
            if isinstance(item.get(field), list):
                item[field] = redact_strings(item[field], redact_credential)
        if isinstance(item.get("url"), str):
            item["url"] = redact_credential(item["url"])


def redact(value: dict[str, Any], shape: str) -> dict[str, Any]:
    """A copy with known credential shapes redacted everywhere and high-entropy tokens where
    credentials are passed."""
    copy: dict[str, Any] = redact_strings(value, redact_known)
    if shape == "descriptor":
        _redact_descriptor(copy)
        return copy
    for servers in _server_maps(copy, shape):
        for name in list(servers):
            _redact_server(servers[name])
    return copy


def validate(value: dict[str, Any], shape: str, where: str, locator: Locator) -> None:
    """Check the value against its typed model; the first problem is invalid input with its place."""
    from pydantic import ValidationError

    from riskreg.models.mcp import SHAPES

    try:
        SHAPES[shape].model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [part for part in first["loc"] if part != "root"]
        line, column = Document(where, 0, 1, value, MCP, locator).locate(loc)
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        dotted = ".".join(str(part) for part in loc) or "<document>"
        raise InvalidInputError(
            f"{where}:{line}:{column}: {dotted}: {first['msg']}{more}",
            hint="an MCP configuration; see the README, 'What riskreg reads'",
        ) from None


def mcp_document(value: dict[str, Any], shape: str, where: str, locator: Locator) -> Document:
    """The one document of an MCP file, validated, then redacted before anything else sees it."""
    validate(value, shape, where, locator)
    return Document(
        path=where, index=0, line=1, contents=redact(value, shape), format=MCP, locator=locator
    )
