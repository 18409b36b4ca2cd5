"""`riskreg mitigations`: the MIT AI Risk Mitigation Database catalogue and register mitigations."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import err, out
from riskreg.cli.options import DataFormat, RisksOption
from riskreg.cli.risks import ShowFormat, register_folder
from riskreg.errors import InvalidInputError

app = typer.Typer(
    help=(
        "Mitigations: the MIT AI Risk Mitigation Database as a catalogue (risks/catalogue/), and "
        "the mitigations of register risks.\n\n"
        "Example: riskreg mitigations import mitigation-database-2025-07-23.csv "
        "--taxonomy mitigation-taxonomy-2026-08-20.json"
    ),
    no_args_is_help=True,
)


@app.command("import")
def import_catalogue(
    file: Annotated[Path, typer.Argument(help="The mitigation database CSV (831 actions).")],
    taxonomy: Annotated[
        Path | None, typer.Option(help="The draft mitigation taxonomy JSON (categories).")
    ] = None,
    risks: RisksOption = None,
) -> None:
    """Import the mitigation database into <register>/catalogue/mitigations.yaml.

    Register mitigations can then link to actions with `catalogue_ids: [A0086_...]`; `riskreg
    risks validate` checks that every link exists.

    Example:

    \b
      riskreg mitigations import mitigation-database-2025-07-23.csv --taxonomy taxonomy.json
    """
    from riskreg.register import catalogue as cat
    from riskreg.register.store import save_files

    result = cat.import_catalogue(file, taxonomy)
    folder = register_folder(risks)
    written = save_files(folder, {cat.CATALOGUE_FILE: cat.render_catalogue(result)})
    err(
        f"{len(result.actions)} actions, {len(result.taxonomy)} taxonomy categories; "
        f"{len(written)} files written in {folder}"
    )


@app.command("list")
def list_actions(
    risks: RisksOption = None,
    code: Annotated[str | None, typer.Option(help="Taxonomy code or its prefix: 1, 1.2.")] = None,
    text: Annotated[str | None, typer.Option(help="Words in the name or definition.")] = None,
    output_format: Annotated[
        DataFormat, typer.Option("--format", "-f", help="Output format.")
    ] = DataFormat.TABLE,
) -> None:
    """List catalogue actions in file order, optionally filtered.

    Example:

    \b
      riskreg mitigations list --code 3.3 --text access
    """
    from riskreg.register import listing
    from riskreg.register.catalogue import load_catalogue, select_actions

    actions = select_actions(load_catalogue(register_folder(risks)), code, text)
    if output_format in (DataFormat.JSON, DataFormat.YAML):
        data = [action.model_dump(mode="json") for action in actions]
        out(listing.render_data(data, as_yaml=output_format is DataFormat.YAML))
    elif output_format is DataFormat.CSV:
        out(listing.render_csv(map(listing.action_row, actions), listing.ACTION_COLUMNS))
    else:
        rows = [listing.action_row(action) for action in actions]
        out(listing.render_table(rows, listing.ACTION_COLUMNS, width=50))
    err(f"{len(actions)} actions")


@app.command("show")
def show(
    mitigation_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="A register id (mit1163.m1) or a catalogue Action ID."),
    ],
    risks: RisksOption = None,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ShowFormat.YAML,
) -> None:
    """Show a register mitigation (with its risk) or a catalogue action.

    Examples:

    \b
      riskreg mitigations show mit1163.m2
      riskreg mitigations show "A0086_Future of Life Institute2024"
    """
    from riskreg.register.listing import render_record
    from riskreg.register.lookup import find_mitigation

    record = find_mitigation(register_folder(risks), mitigation_id)
    if record is None:
        raise InvalidInputError(
            f"mitigation {mitigation_id!r} is neither in the register nor the catalogue"
        )
    out(render_record(record, as_yaml=output_format is ShowFormat.YAML))
