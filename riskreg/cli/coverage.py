"""`riskreg coverage` and `riskreg graph`: which risks are covered, and the graph behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import emit
from riskreg.cli.options import (
    FromJsonOption,
    NowOption,
    OpaBinaryOption,
    PoliciesOption,
    RisksOption,
    TargetPaths,
    TextOrJson,
    TimeoutOption,
)
from riskreg.cli.runtime import RunSettings
from riskreg.cli.sources import Sources, obtain_report, with_coverage
from riskreg.coverage.export import GraphFormat
from riskreg.models.severity import Severity

OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout."),
]


def coverage(
    paths: TargetPaths = None,
    from_json: FromJsonOption = None,
    output_format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.TEXT,
    output: OutputOption = None,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    timeout: TimeoutOption = None,
    now: NowOption = None,
) -> None:
    """Coverage of the register: per mitigation verified|attested|failing|gap, per risk
    covered|partial|failing|uncovered, with reasons and roll-ups by MIT taxonomy and framework.

    Without PATHs or --from-json, shows what the controls are wired to (nothing is evaluated).
    Exit codes: 0 written, 2 usage error, 3 invalid input, 4 evaluation could not be completed.
    """
    settings = RunSettings.resolve(risks, policies, opa_binary, timeout, now)
    report = obtain_report(Sources(paths or [], from_json), settings, Severity.LOW)
    covered, _ = with_coverage(report, settings.load_register())
    assert covered.coverage is not None
    if output_format is TextOrJson.JSON:
        emit(covered.coverage.model_dump_json(indent=2), output)
    else:
        from riskreg.render.coverage_text import render

        emit(render(covered.coverage), output)


def graph(
    paths: TargetPaths = None,
    from_json: FromJsonOption = None,
    output_format: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="Graph format.")
    ] = GraphFormat.MERMAID,
    output: OutputOption = None,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    timeout: TimeoutOption = None,
    now: NowOption = None,
) -> None:
    """The coverage graph Risk -> Mitigation -> Control -> result, nodes carrying their status.

    Exit codes: 0 written, 2 usage error, 3 invalid input, 4 evaluation could not be completed.
    """
    from riskreg.coverage.export import export

    settings = RunSettings.resolve(risks, policies, opa_binary, timeout, now)
    report = obtain_report(Sources(paths or [], from_json), settings, Severity.LOW)
    _, built = with_coverage(report, settings.load_register())
    emit(export(built.graph, output_format), output)
