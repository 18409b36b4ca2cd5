"""HTML: one self-contained page for governance teams (inline CSS, SVG and script; no network)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any

from riskreg.models.finding import Report
from riskreg.render.svg import coverage_svg
from riskreg.render.templating import environment, template_source

PRINT_MAX_REASONS = 3


def _script_hash(script: str) -> str:
    # The CSP allows exactly this script; injected markup could not run even if escaping failed.
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def context(report: Report, templates: Path | None, for_print: bool) -> dict[str, Any]:
    """What the templates get: the report, plus drawings and script derived from it."""
    from markupsafe import Markup

    script = template_source("report.js", templates)
    return {
        "report": report,
        "svg": coverage_svg(report.coverage) if report.coverage else Markup(""),
        "script": Markup(script),  # noqa: S704 - our own packaged (or user-chosen) script file
        "script_hash": _script_hash(script),
        "waivers": getattr(report, "waivers", []),
        "for_print": for_print,
        # Paper cannot scroll: a printed row keeps its first reasons; the screen shows them all.
        "max_reasons": PRINT_MAX_REASONS if for_print else 1_000_000,
    }


def render(report: Report, templates: Path | None = None, for_print: bool = False) -> str:
    """The report as one HTML document."""
    template = environment(False, templates).get_template("report.html.j2")
    return template.render(context(report, templates, for_print))
