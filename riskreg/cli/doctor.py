"""`riskreg doctor`: what riskreg runs with, and what is missing with the command that installs it."""

from __future__ import annotations

import json
import platform
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from riskreg import __version__
from riskreg.cli.console import out
from riskreg.cli.options import OpaBinaryOption, TextOrJson
from riskreg.errors import ExitCode, RiskregError

EPILOG = """Examples:

  riskreg doctor

  RISKREG_OPA=$HOME/go/bin/opa riskreg doctor --format json
"""


def _missing(name: str, problem: str, install: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": None,
        "ok": False,
        "version": None,
        "problem": problem,
        "install": install,
    }


def _tool(name: str) -> dict[str, Any]:
    """conftest and regal: optional, for `controls lint` and comparing with conftest."""
    from riskreg.resources import lookup_text, tool_candidates

    found = next((path for path in tool_candidates(name) if path.is_file()), None)
    if found is None:
        return _missing(name, f"not found in {lookup_text(name)}", "make tools (a checkout)")
    return {"name": name, "path": str(found), "ok": True, "version": None}


def _renderer(name: str) -> dict[str, Any]:
    """helm and kustomize: needed only for chart and overlay targets."""
    from riskreg.manifests.sandbox import install_hint, locate_tool

    try:
        path = locate_tool(name, None)
    except RiskregError as exc:
        return _missing(name, exc.message, install_hint(name))
    return {"name": name, "path": str(path), "ok": True, "version": None}


def _opa(opa_binary: Path | None) -> dict[str, Any]:
    from riskreg.policy.engines.binary import INSTALL_HINT, locate_opa

    try:
        opa = locate_opa(opa_binary)
    except RiskregError as exc:
        return _missing("opa", exc.message, INSTALL_HINT)
    return {"name": "opa", "path": str(opa.path), "ok": True, "version": opa.version}


def _builtins() -> dict[str, Any]:
    from riskreg.resources import builtin_folder

    policies, risks = builtin_folder("policies"), builtin_folder("risks")
    if policies is None or risks is None:
        return _missing("builtins", "the built-in pack is not installed", "reinstall riskreg")
    return {"name": "builtins", "path": str(policies.parent), "ok": True, "version": None}


def _report(opa_binary: Path | None) -> list[dict[str, Any]]:
    return [
        {
            "name": "python",
            "path": sys.executable,
            "ok": True,
            "version": platform.python_version(),
        },
        {
            "name": "riskreg",
            "path": str(Path(__file__).resolve().parents[1]),
            "ok": True,
            "version": __version__,
        },
        _builtins(),
        _opa(opa_binary),
        _renderer("helm"),
        _renderer("kustomize"),
        _tool("conftest"),
        _tool("regal"),
        _bounds(),
    ]


def _bounds() -> dict[str, Any]:
    """The memory bounds riskreg puts on opa and the renderers, or why it cannot here."""
    from riskreg.bounds.child import show_size, supported
    from riskreg.config import resolve_settings

    settings = resolve_settings()
    shown = ", ".join(
        f"{name} {show_size(size) if size else 'unbounded'}"
        for name, size in (("opa", settings.opa_memory), ("render", settings.render_memory))
    )
    row: dict[str, Any] = {"name": "bounds", "path": f"{shown}; timeout {settings.timeout:g} s",
                           "ok": supported(), "version": "RLIMIT_DATA"}  # fmt: skip
    if not row["ok"]:
        row["problem"] = (
            f"{sys.platform} has no RLIMIT_DATA: opa, helm and kustomize run without a memory "
            "bound here (the request timeout still applies)"
        )
        row["install"] = "run riskreg on Linux for memory bounds"
    return row


def doctor(
    opa_binary: OpaBinaryOption = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.TEXT,
) -> None:
    """Show Python, riskreg, its built-in controls and the tools it runs: opa, helm, kustomize
    (charts and overlays), conftest and regal, each with its path, or how to install it.

    Tools are looked up as `check` does: --opa-binary / RISKREG_OPA (RISKREG_HELM,
    RISKREG_KUSTOMIZE), then the riskreg checkout's .tools/bin, then PATH; never the working
    folder. Exits 4 when opa, which every evaluation needs, is missing or too old.
    """
    rows = _report(opa_binary)
    if output_format is TextOrJson.JSON:
        out(json.dumps({"tools": rows}, indent=2))
    else:
        for row in rows:
            status = "ok     " if row["ok"] else "MISSING"
            detail = row.get("version") or ""
            where = row.get("path") or row.get("problem") or ""
            out(f"{status} {row['name']:<9} {detail:<10} {where}")
            if not row["ok"]:
                out(f"        {row['install']}")
    if not next(row for row in rows if row["name"] == "opa")["ok"]:
        raise typer.Exit(int(ExitCode.EVALUATION_FAILED))
