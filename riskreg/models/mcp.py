"""Typed MCP configurations: the client files that choose an agent's servers, and registry descriptors.

Two families, told apart by shape (riskreg/manifests/mcp.py decides which applies):
- client configurations, which a client reads to start or reach servers: `mcpServers` (Claude
  Desktop and Code, Cursor, Windsurf, Gemini CLI, Cline), `servers` (VS Code `.vscode/mcp.json`),
  `mcp.servers` (VS Code `settings.json`), and the bare name -> server map of a Claude plugin's
  `.mcp.json`;
- registry `server.json` descriptors (the MCP registry's format): how a publisher distributes one
  server (packages with exact versions, remote endpoints), not which servers a client runs.
Clients add fields of their own, so unknown fields are kept; known fields must have their type.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

Scalar = str | int | float | bool | None


class McpModel(BaseModel):
    """Frozen, strictly typed known fields; unknown fields allowed (each client has its own)."""

    model_config = ConfigDict(frozen=True, extra="allow", strict=True)


class McpServer(McpModel):
    """One server a client starts (stdio: command and args) or connects to (a URL)."""

    type: str | None = Field(default=None, description="stdio, http, sse, streamable-http, ...")
    command: str | None = Field(default=None, description="Program started for a stdio server")
    args: list[Scalar] = Field(default_factory=list, description="Its arguments")
    env: dict[str, Scalar] = Field(default_factory=dict, description="Its environment")
    envFile: str | None = None
    cwd: str | None = None
    url: str | None = Field(default=None, description="Endpoint of a remote server")
    serverUrl: str | None = Field(default=None, description="Windsurf's name for url")
    httpUrl: str | None = Field(default=None, description="Gemini CLI's name for url")
    headers: dict[str, Scalar] = Field(default_factory=dict, description="HTTP headers sent")
    disabled: bool | None = None
    autoApprove: list[str] | bool | None = Field(
        default=None, description="Tools run without asking (Cline, Roo, Kiro, Amazon Q)"
    )
    alwaysAllow: list[str] | None = Field(default=None, description="Roo's name for autoApprove")
    trust: bool | None = Field(default=None, description="Gemini CLI: skip every confirmation")


class McpClientConfig(McpModel):
    """A client configuration file: `mcpServers` or `servers` maps of name -> server."""

    mcpServers: dict[str, McpServer] | None = None
    servers: dict[str, McpServer] | None = None
    inputs: list[dict[str, Any]] | None = Field(
        default=None, description="VS Code prompts whose answers ${input:id} refers to"
    )


class McpSettings(McpModel):
    """A VS Code `settings.json` that configures MCP servers under `mcp`."""

    mcp: McpClientConfig


class McpPlugin(RootModel[dict[str, McpServer]]):
    """A Claude Code plugin's `.mcp.json`: name -> server at the top level."""

    model_config = ConfigDict(frozen=True, strict=True)


class McpArgument(McpModel):
    """A runtime or package argument of a registry package."""

    type: str | None = None
    name: str | None = None
    value: str | None = None
    default: str | None = None
    isSecret: bool | None = None


class McpVariable(McpModel):
    """An environment variable or header a registry entry asks the user for."""

    name: str
    value: str | None = None
    default: str | None = None
    isSecret: bool | None = None


class McpPackage(McpModel):
    """A package a registry entry installs: npm, pypi, oci, nuget, mcpb."""

    registryType: str | None = None
    registryBaseUrl: str | None = None
    identifier: str
    version: str | None = None
    runtimeHint: str | None = None
    transport: dict[str, Any] | None = None
    runtimeArguments: list[McpArgument] = Field(default_factory=list)
    packageArguments: list[McpArgument] = Field(default_factory=list)
    environmentVariables: list[McpVariable] = Field(default_factory=list)


class McpRemote(McpModel):
    """A remote endpoint a registry entry advertises."""

    type: str
    url: str
    headers: list[McpVariable] = Field(default_factory=list)


class McpServerDescriptor(McpModel):
    """A registry `server.json`: one server as its publisher distributes it."""

    name: str
    version: str | None = None
    packages: list[McpPackage] = Field(default_factory=list)
    remotes: list[McpRemote] = Field(default_factory=list)


SHAPES: dict[str, type[BaseModel]] = {
    "client": McpClientConfig,
    "settings": McpSettings,
    "plugin": McpPlugin,
    "descriptor": McpServerDescriptor,
}


def json_schema() -> dict[str, Any]:
    """One JSON Schema for every MCP file riskreg reads (committed as mcp.schema.json); its
    if/then/else chain is the shape rule: mcpServers or servers, mcp, name with packages or
    remotes, else a plugin's bare name -> server map."""
    from pydantic.json_schema import models_json_schema

    refs, defs = models_json_schema([(model, "validation") for model in SHAPES.values()])
    ref = {shape: refs[(model, "validation")] for shape, model in SHAPES.items()}
    descriptor = {
        "required": ["name"],
        "anyOf": [{"required": [k]} for k in ("packages", "remotes")],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "MCP configuration as riskreg reads it",
        "type": "object",
        "if": {"anyOf": [{"required": ["mcpServers"]}, {"required": ["servers"]}]},
        "then": ref["client"],
        "else": {
            "if": {"required": ["mcp"]},
            "then": ref["settings"],
            "else": {"if": descriptor, "then": ref["descriptor"], "else": ref["plugin"]},
        },
        **defs,
    }
