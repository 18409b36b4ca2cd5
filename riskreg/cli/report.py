"""`riskreg report`: one evaluation, written for engineers, governance teams and regulators."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from riskreg.cli.console import emit, err, err_lines, with_progress, write_atomic
from riskreg.cli.options import (
    FromJsonOption,
    NowOption,
    OpaBinaryOption,
    PoliciesOption,
    RisksOption,
    TargetPaths,
    TimeoutOption,
)
from riskreg.config import Flags, resolve_settings
from riskreg.errors import ExitCode, UsageError
from riskreg.models.gate import Gate
from riskreg.models.severity import Severity
from riskreg.render.registry import ReportFormat
from riskreg.run.sources import Sources, obtain_report, with_coverage

if TYPE_CHECKING:
    from riskreg.models.finding import Report

EPILOG = """Examples:

  riskreg report examples/deployments --format html --output reports/riskreg.html

  riskreg report examples/deployments -f html -f pdf -f json -f oscal --output-dir reports/

  riskreg check k8s/ --format json --output run.json; riskreg report --from-json run.json -f md
"""


def report(
    paths: TargetPaths = None,
    from_json: FromJsonOption = None,
    formats: Annotated[
        list[ReportFormat] | None,
        typer.Option("--format", "-f", help="Report format; repeat with --output-dir for several."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to FILE (atomically).")
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option("--output-dir", help="Write every --format as DIR/<name>.<suffix>."),
    ] = None,
    name: Annotated[
        str, typer.Option("--name", help="File stem in --output-dir.")
    ] = "riskreg-report",
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            envvar="RISKREG_REPORT_FAIL_ON",
            help="Also act as the gate: exit 1 when a control fails at or above this severity.",
            show_default=False,
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            "--templates",
            envvar="RISKREG_TEMPLATES",
            help="Folder whose templates override the packaged ones (same file names).",
            file_okay=False,
        ),
    ] = None,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    timeout: TimeoutOption = None,
    now: NowOption = None,
) -> None:
    """Evaluate PATHs (or read --from-json) and write the report with coverage, gaps and provenance.

    Exit codes: 0 the report was written (even when controls fail, unless --fail-on is given),
    1 with --fail-on and a failing control at or above it, 2 usage error, 3 invalid input,
    4 evaluation could not be completed (also when some controls erred: the report is written).
    """
    chosen = list(dict.fromkeys(formats or [ReportFormat.HTML]))
    _check_destination(chosen, output, output_dir)
    # `report` gates only when asked: its own --fail-on, never check's [tool.riskreg] fail_on.
    flags = Flags(
        risks=risks, policies=policies, opa_binary=opa_binary, timeout=timeout, now=now,
        fail_on=fail_on or Severity.LOW, gates=(Gate.CONTROLS,),
    )  # fmt: skip
    settings = resolve_settings(flags)
    sources = Sources(paths or [], from_json)
    run = with_progress(lambda progress: obtain_report(settings, sources, progress))
    err_lines(run.messages)
    full, _, notes = with_coverage(settings, run.report)
    err_lines(notes)
    _write(full, chosen, output, output_dir, name, templates)
    _summary(full)
    # An incomplete evaluation is never a clean run, even when nobody asked for a gate.
    if full.summary.errors:
        raise typer.Exit(int(ExitCode.EVALUATION_FAILED))
    if fail_on is not None and not full.passed_gate:
        raise typer.Exit(int(ExitCode.VIOLATIONS))


def _check_destination(
    chosen: list[ReportFormat], output: Path | None, output_dir: Path | None
) -> None:
    if output and output_dir:
        raise UsageError("give --output or --output-dir, not both")
    if len(chosen) > 1 and output_dir is None:
        raise UsageError("several --format values need --output-dir")
    if (
        chosen == [ReportFormat.PDF]
        and output is None
        and output_dir is None
        and sys.stdout.isatty()
    ):
        raise UsageError("a PDF would go to the terminal", hint="pass --output FILE")


def _write(
    full: Report,
    chosen: list[ReportFormat],
    output: Path | None,
    output_dir: Path | None,
    name: str,
    templates: Path | None,
) -> None:
    from riskreg.render.registry import SUFFIX, render_report

    # Render everything first: a failing renderer must not leave half the set written.
    rendered = {fmt: render_report(full, fmt, templates) for fmt in chosen}
    for fmt, data in rendered.items():
        if output_dir is not None:
            path = output_dir / f"{name}{SUFFIX[fmt]}"
            write_atomic(path, data)
            err(f"wrote {path}")
        elif isinstance(data, bytes):
            _emit_bytes(data, output)
        else:
            emit(data, output)


def _emit_bytes(data: bytes, output: Path | None) -> None:
    if output is None or str(output) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(output, data)


def _summary(full: Report) -> None:
    coverage = full.coverage
    assert coverage is not None
    counts = ", ".join(f"{n} {status}" for status, n in coverage.risks_by_status.items())
    err(
        f"riskreg report: {len(coverage.risks)} risks ({counts}); {len(coverage.gaps)} gaps; "
        f"{full.summary.by_outcome.get('fail', 0)} failing findings"
    )
