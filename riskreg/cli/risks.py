"""`riskreg risks`: list, show and validate the register, and import risks into it."""

from __future__ import annotations

import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from riskreg.cli.console import err, out
from riskreg.cli.options import DataFormat, RisksOption
from riskreg.config import Flags, resolve_settings
from riskreg.errors import ExitCode, InvalidInputError

if TYPE_CHECKING:  # importing the models costs time that `riskreg --help` should not pay
    from riskreg.models.risk import Risk
    from riskreg.register.merge import Origin

app = typer.Typer(
    help=(
        "The risk register: risks/*.yaml, one risk per MIT AI Risk Repository entry (or your own).\n\n"
        "Example: riskreg risks list --domain 7 --timing 2"
    ),
    no_args_is_help=True,
)
import_app = typer.Typer(
    help=(
        "Import risks into the register; nothing is written unless every input is valid.\n\n"
        "Example: riskreg risks import page ../shared/seeds/*.txt"
    ),
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


class ShowFormat(str, Enum):
    """Formats for one record."""

    YAML = "yaml"
    JSON = "json"


def register_folder(flag: Path | None) -> Path:
    """The register folder every command uses: --risks > RISKREG_RISKS > [tool.riskreg] > ./risks."""
    return resolve_settings(Flags(risks=flag)).risks


@app.command("list")
def list_risks(
    risks: RisksOption = None,
    domain: Annotated[
        str | None, typer.Option(help="Domain code or name part: 7, 'privacy'.")
    ] = None,
    subdomain: Annotated[str | None, typer.Option(help="Subdomain code or name part: 7.2.")] = None,
    entity: Annotated[
        str | None, typer.Option(help="Entity code or label: 1, human, 2, ai.")
    ] = None,
    intent: Annotated[
        str | None, typer.Option(help="Intent code or label: 1, intentional.")
    ] = None,
    timing: Annotated[
        str | None, typer.Option(help="Timing code or label: 2, post-deployment.")
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="Words in id, title, description or mitigations.")
    ] = None,
    output_format: Annotated[
        DataFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DataFormat.TABLE,
) -> None:
    """List risks in id order, optionally filtered; filters combine with AND.

    Examples:

    \b
      riskreg risks list --domain 7 --entity ai
      riskreg risks list --text "least privilege" --format csv
    """
    from riskreg.register import listing
    from riskreg.register.store import load_register

    chosen = listing.RiskFilter(domain, subdomain, entity, intent, timing, text)
    selected = [r for r in load_register(register_folder(risks)).risks if chosen.matches(r)]
    if output_format in (DataFormat.JSON, DataFormat.YAML):
        data = [risk.model_dump(mode="json") for risk in selected]
        out(listing.render_data(data, as_yaml=output_format is DataFormat.YAML))
    elif output_format is DataFormat.CSV:
        out(listing.render_csv(map(listing.risk_row, selected), listing.RISK_COLUMNS))
    else:
        out(listing.render_table([listing.risk_row(r) for r in selected], listing.RISK_COLUMNS))
    err(f"{len(selected)} risks")


@app.command("show")
def show(
    risk_id: Annotated[str, typer.Argument(metavar="ID", help="Risk id, e.g. mit1163.")],
    risks: RisksOption = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.YAML,
) -> None:
    """Show one risk with its coding, source and mitigations.

    Example:

    \b
      riskreg risks show mit1163 --format json
    """
    from riskreg.register.listing import render_record, suggestion
    from riskreg.register.store import load_register

    register = load_register(register_folder(risks))
    risk = register.risk(risk_id)
    if risk is None:
        hint = suggestion(risk_id, (r.id for r in register.risks))
        raise InvalidInputError(f"risk {risk_id!r} is not in the register", hint=hint)
    out(render_record(risk.model_dump(mode="json"), as_yaml=output_format is ShowFormat.YAML))


@app.command("validate")
def validate(risks: RisksOption = None) -> None:
    """Check every register file against the schema and the register's references.

    Prints each problem as `file:line: field: message` on stderr and exits 3 if there is any.

    Example:

    \b
      riskreg risks validate --risks risks/
    """
    from riskreg.register.lint import check_files
    from riskreg.register.store import read_folder

    folder = register_folder(risks)
    files, problems = read_folder(folder)
    problems += check_files(folder, files)
    for problem in problems:
        err(str(problem))
    if problems:
        err(f"error: {len(problems)} problems in {folder}")
        raise typer.Exit(int(ExitCode.INVALID_INPUT))
    err(f"ok: {sum(len(f.content.risks) for f in files)} risks in {len(files)} files")


@import_app.command("page")
def import_page(
    files: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Risk page text files.")],
    risks: RisksOption = None,
) -> None:
    """Import MIT risk pages (text of airisk.mit.edu risk pages) with their mitigations.

    A page already in the register updates its text and keeps what you added.

    Example:

    \b
      riskreg risks import page ../shared/seeds/*.txt --risks risks/
    """
    from riskreg.register.merge import Origin
    from riskreg.register.pages import read_page

    _apply(register_folder(risks), [read_page(path) for path in files], Origin.PAGE)


@import_app.command("mit")
def import_mit(
    file: Annotated[
        Path, typer.Argument(help="The V4/V3 .xlsx workbook, its database CSV, or a V2 risks.csv.")
    ],
    risks: RisksOption = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Import only mit1..mitN.")] = None,
    only: Annotated[
        list[str] | None, typer.Option(help="Import only this id (repeatable).")
    ] = None,
) -> None:
    """Import the MIT AI Risk Repository database, numbering risks mit1, mit2, ... as MIT does.

    Examples:

    \b
      riskreg risks import mit "Copy of The AI Risk Repository V4_03_12_2025.xlsx"
      riskreg risks import mit risks.csv --limit 50
      riskreg risks import mit V4.xlsx --only mit1163 --only mit1166
    """
    from riskreg.register.merge import Origin
    from riskreg.register.mit import import_database

    started = time.perf_counter()
    result = import_database(file, limit=limit, only=set(only) if only else None)
    err(
        f"read {len(result.risks)} risks ({result.skipped} uncoded rows skipped, "
        f"{result.evidence} evidence rows) from {file.name} in {time.perf_counter() - started:.2f}s"
    )
    _apply(register_folder(risks), result.risks, Origin.DATABASE)


def _apply(folder: Path, incoming: list[Risk], origin: Origin) -> None:
    from riskreg.register.merge import plan_import
    from riskreg.register.store import save_files

    plan = plan_import(folder, incoming, origin)
    written = save_files(folder, plan.contents) if plan.contents else []
    err(
        f"{plan.added} added, {plan.updated} updated, {plan.unchanged} unchanged; "
        f"{len(written)} files written in {folder}"
    )
