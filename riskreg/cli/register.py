"""`riskreg register`: the spreadsheet round trip (export, import, its log) and schema migration."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from riskreg.cli.console import err, err_lines, out, with_progress, write_atomic
from riskreg.cli.options import (
    FromJsonOption,
    HistoryOption,
    NowOption,
    OpaBinaryOption,
    PoliciesOption,
    RisksOption,
    TargetPaths,
    TextOrJson,
    TimeoutOption,
)
from riskreg.config import Flags, resolve_settings
from riskreg.models.gate import Gate
from riskreg.models.severity import Severity

if TYPE_CHECKING:
    from riskreg.models.edits import Edit

app = typer.Typer(
    help=(
        "The register as a governance team works on it: export it to a spreadsheet, import the "
        "edited workbook back (checked cell by cell, recorded in the history store), migrate "
        "old register files.\n\n"
        "Example: riskreg register export -o register.xlsx examples/deployments"
    ),
    no_args_is_help=True,
)
FormatOption = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
]


class WorkbookFormat(str, Enum):
    """Spreadsheet formats `register export` writes."""

    XLSX = "xlsx"


@app.command("export")
def export(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The workbook to write (atomically).")
    ],
    paths: TargetPaths = None,
    from_json: FromJsonOption = None,
    workbook_format: Annotated[
        WorkbookFormat, typer.Option("--format", "-f", help="Workbook format.")
    ] = WorkbookFormat.XLSX,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    timeout: TimeoutOption = None,
    now: NowOption = None,
) -> None:
    """Write the register as an xlsx workbook: Systems, Risks (one row per system and in-scope
    risk: owner, scores, treatment), Mitigations (with their controls), drop-down lists for
    every fixed-value cell. Grey columns are read-only. With PATHs (or --from-json) the residual
    level and each mitigation's assurance on the system's own targets are filled in.

    Examples:

    \b
      riskreg register export -o register.xlsx
      riskreg register export -o register.xlsx examples/deployments
    """
    from riskreg.run.register import export_workbook
    from riskreg.run.sources import Sources, obtain_report, with_coverage

    flags = Flags(
        risks=risks, policies=policies, opa_binary=opa_binary, timeout=timeout, now=now,
        fail_on=Severity.LOW, gates=(Gate.CONTROLS,),
    )  # fmt: skip
    settings = resolve_settings(flags)
    sources = Sources(paths or [], from_json)
    run = with_progress(lambda progress: obtain_report(settings, sources, progress))
    err_lines(run.messages)
    covered, _, notes = with_coverage(settings, run.report)
    err_lines(notes)
    evaluated = bool(paths or from_json)
    data = export_workbook(settings, covered, evaluated)
    write_atomic(output, data)
    err(f"wrote {output} ({workbook_format.value}{', with residual risk' if evaluated else ''})")


@app.command("import")
def import_workbook(
    workbook: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="An edited export (xlsx).", exists=True, dir_okay=False
        ),
    ],
    dry_run: DryRunOption = False,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            envvar="RISKREG_USER",
            help="Who imports, for the history store [default: git user.email, else the login].",
            show_default=False,
        ),
    ] = None,
    output_format: FormatOption = TextOrJson.TEXT,
    risks: RisksOption = None,
    history: HistoryOption = None,
    now: NowOption = None,
) -> None:
    """Import an edited workbook: every cell is checked first (exit 3 naming sheet, cell and
    reason of every problem; nothing written), then only the systems a row changed are
    rewritten, and the import is recorded (who, when, the file's sha256, every changed cell).
    Importing an unedited export changes nothing.

    Examples:

    \b
      riskreg register import register.xlsx --dry-run
      riskreg register import register.xlsx --by alice@example.com
    """
    from riskreg.register.xlsx_read import SpreadsheetError
    from riskreg.run.register import apply_import, plan_import

    settings = resolve_settings(Flags(risks=risks, history=history, now=now, user=by))
    try:
        plan = plan_import(settings, workbook)
    except SpreadsheetError as exc:
        err_lines(f"{workbook}: {problem}" for problem in exc.problems)
        raise
    _show_edits(plan.edits, output_format)
    if dry_run:
        err(
            f"dry run: {len(plan.edits)} changes in {len(plan.contents)} system files; nothing written"
        )
        return
    applied = apply_import(settings, plan)
    if applied.record is None:
        err("nothing changed; nothing written")
        return
    err(
        f"wrote {len(applied.written)} system files; import {applied.record_id} recorded in "
        f"{settings.history} (by {applied.record.user}, sha256 {plan.sha256[:12]})"
    )


def _show_edits(edits: list[Edit], output_format: TextOrJson) -> None:
    if output_format is TextOrJson.JSON:
        out(json.dumps([edit.model_dump(mode="json") for edit in edits], indent=2))
    elif edits:
        out("\n".join(str(edit) for edit in edits))


@app.command("imports")
def imports(
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many, newest last.")] = 20,
    output_format: FormatOption = TextOrJson.TEXT,
    history: HistoryOption = None,
) -> None:
    """The spreadsheet imports recorded in the history store: who, when, file, sha256, edits.

    Examples:

    \b
      riskreg register imports
      riskreg register imports --format json --limit 1
    """
    from riskreg.run.register import import_log

    records = import_log(resolve_settings(Flags(history=history)), limit)
    if output_format is TextOrJson.JSON:
        out(json.dumps([record.model_dump(mode="json") for record in records], indent=2))
        return
    for record in records:
        out(
            f"{record.imported_at.isoformat()}  {record.user}  {record.file}  "
            f"sha256 {record.sha256[:12]}  {len(record.edits)} changes"
        )
        out("\n".join(f"  {edit}" for edit in record.edits))


@app.command("migrate")
def migrate(
    dry_run: DryRunOption = False,
    risks: RisksOption = None,
    now: NowOption = None,
) -> None:
    """Rewrite schema-1 register files as schema 2: governance blocks move to the implicit
    system's file (systems/all.yaml); what schema 2 cannot hold is kept in the entry's note.
    Running it again changes nothing.

    Examples:

    \b
      riskreg register migrate --dry-run
      riskreg register migrate --risks legacy/risks
    """
    from riskreg.run.register import migrate as run_migration

    settings = resolve_settings(Flags(risks=risks, now=now))
    migration, written = run_migration(settings, dry_run)
    if migration.changes:
        out("\n".join(migration.changes))
    if dry_run:
        err(f"dry run: {len(migration.contents)} files would change; nothing written")
    else:
        err(f"wrote {len(written)} files" if written else "already at the current schema")
