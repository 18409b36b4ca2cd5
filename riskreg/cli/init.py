"""`riskreg init`: a starter configuration, an empty waivers file and a CI workflow for a repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import err

EPILOG = """Examples:

  riskreg init                 # in the repository's top folder

  riskreg init path/to/repo && riskreg check path/to/repo
"""


def init(
    folder: Annotated[
        Path,
        typer.Argument(help="The repository's top folder.", file_okay=False, exists=True),
    ] = Path(),
) -> None:
    """Write a starter configuration ([tool.riskreg] added to pyproject.toml, else riskreg.toml;
    every key commented, with its default), an empty waivers file (risks/waivers.yaml) and a
    GitHub Actions workflow (.github/workflows/riskreg.yml).

    Nothing is overwritten: if any of them exists (or pyproject.toml already has
    [tool.riskreg]), init writes nothing and exits 3 naming it.
    """
    from riskreg.run.starter import plan, write

    files = plan(folder)
    write(files)
    for starter in files:
        err(f"{'updated' if starter.appends else 'wrote'} {starter.path}")
    err(
        "next: `riskreg check .` runs the built-in controls; add your own in policies/ and risks/; "
        "set the action's owner in .github/workflows/riskreg.yml"
    )
