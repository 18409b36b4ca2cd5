"""`riskreg doctor`: what riskreg runs with, and what is missing with the command that installs it."""

from __future__ import annotations

import json
import platform
import shutil
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from riskreg import __version__
from riskreg.cli.console import out
from riskreg.cli.options import OpaBinaryOption, TextOrJson
from riskreg.errors import ExitCode, RiskregError


def _tool(name: str) -> dict[str, Any]:
    local = Path.cwd() / ".tools" / "bin" / name
    found = str(local) if local.is_file() else shutil.which(name)
    return {
        "name": name,
        "path": found,
        "ok": found is not None,
        "version": None,
        "install": "make tools" if found is None else None,
    }


def _report(opa_binary: Path | None) -> list[dict[str, Any]]:
    from riskreg.policy.engines.binary import locate_opa

    rows: list[dict[str, Any]] = [
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
    ]
    try:
        opa = locate_opa(opa_binary)
        rows.append({"name": "opa", "path": str(opa.path), "ok": True, "version": opa.version})
    except RiskregError as exc:
        rows.append(
            {
                "name": "opa",
                "path": None,
                "ok": False,
                "version": None,
                "problem": exc.one_line(),
                "install": "make install",
            }
        )
    rows += [_tool("conftest"), _tool("regal"), _bounds()]
    return rows


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
    """Show the versions and paths of Python, riskreg and opa (plus conftest and regal).

    Exits 4 when opa, which every evaluation needs, is missing or too old.
    """
    rows = _report(opa_binary)
    if output_format is TextOrJson.JSON:
        out(json.dumps({"tools": rows}, indent=2))
    else:
        for row in rows:
            status = "ok     " if row["ok"] else "MISSING"
            detail = row.get("version") or ""
            where = row.get("path") or f"install with: {row.get('install')}"
            out(f"{status} {row['name']:<9} {detail:<10} {where}")
            if row.get("problem"):
                out(f"        {row['problem']}")
    if not next(row for row in rows if row["name"] == "opa")["ok"]:
        raise typer.Exit(int(ExitCode.EVALUATION_FAILED))
