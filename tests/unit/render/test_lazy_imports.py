"""Heavy libraries load only when a report is rendered, so `riskreg --help` stays fast."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("networkx", "jinja2", "weasyprint", "playwright")


def test_cli_import_does_not_load_heavy_libraries() -> None:
    code = (
        "import sys, riskreg.cli.app, riskreg.render.registry, riskreg.coverage.export;"
        f"print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
