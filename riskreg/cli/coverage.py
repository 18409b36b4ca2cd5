"""`riskreg coverage` and `riskreg graph`: which risks are covered, and the graph behind it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from riskreg.cli.console import emit, err_lines, with_progress
from riskreg.cli.options import (
    AllowUnsignedOption,
    BuiltinsOption,
    FromJsonOption,
    NowOption,
    OpaBinaryOption,
    PackTrust,
    PoliciesOption,
    RequireSignedOption,
    RisksOption,
    TargetPaths,
    TextOrJson,
    TimeoutOption,
    VerificationKeyOption,
)
from riskreg.config import Flags, Settings, resolve_settings
from riskreg.coverage.export import GraphFormat
from riskreg.models.gate import Gate
from riskreg.models.severity import Severity
from riskreg.run.sources import Sources, obtain_report, with_coverage

if TYPE_CHECKING:
    from riskreg.coverage.graph import CoverageGraph
    from riskreg.models.finding import Report

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
    builtins: BuiltinsOption = None,
    opa_binary: OpaBinaryOption = None,
    timeout: TimeoutOption = None,
    now: NowOption = None,
    verification_key: VerificationKeyOption = None,
    allow_unsigned: AllowUnsignedOption = False,
    require_signed: RequireSignedOption = None,
) -> None:
    """Coverage of the register: per mitigation verified|attested|failing|gap, per risk
    covered|partial|failing|uncovered, with reasons and roll-ups by MIT taxonomy and framework.

    Without PATHs or --from-json, shows what the controls are wired to (nothing is evaluated).
    Exit codes: 0 written, 2 usage error, 3 invalid input, 4 evaluation could not be completed.
    """
    trust = PackTrust(verification_key, allow_unsigned, require_signed)
    settings = _settings(risks, policies, opa_binary, timeout, now, builtins, trust)
    covered, _ = _covered(settings, paths, from_json)
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
    builtins: BuiltinsOption = None,
    opa_binary: OpaBinaryOption = None,
    timeout: TimeoutOption = None,
    now: NowOption = None,
    verification_key: VerificationKeyOption = None,
    allow_unsigned: AllowUnsignedOption = False,
    require_signed: RequireSignedOption = None,
) -> None:
    """The coverage graph Risk -> Mitigation -> Control -> result, nodes carrying their status.

    Exit codes: 0 written, 2 usage error, 3 invalid input, 4 evaluation could not be completed.
    """
    from riskreg.coverage.export import export

    trust = PackTrust(verification_key, allow_unsigned, require_signed)
    settings = _settings(risks, policies, opa_binary, timeout, now, builtins, trust)
    _, built = _covered(settings, paths, from_json)
    emit(export(built.graph, output_format), output)


def _settings(
    risks: Path | None,
    policies: Path | None,
    opa_binary: Path | None,
    timeout: float | None,
    now: str | None,
    builtins: bool | None = None,
    trust: PackTrust | None = None,
) -> Settings:
    # Coverage is no gate: every failure counts, whatever check's fail_on says.
    flags = Flags(
        risks=risks, policies=policies, opa_binary=opa_binary, timeout=timeout, now=now,
        fail_on=Severity.LOW, gates=(Gate.CONTROLS,), builtins=builtins,
    )  # fmt: skip
    return resolve_settings((trust or PackTrust()).onto(flags))


def _covered(
    settings: Settings, paths: list[str] | None, from_json: Path | None
) -> tuple[Report, CoverageGraph]:
    """The run (fresh, saved, or none) with its coverage, and the coverage graph."""
    sources = Sources(paths or [], from_json)
    run = with_progress(lambda progress: obtain_report(settings, sources, progress))
    err_lines(run.messages)
    report, built, notes = with_coverage(settings, run.report)
    err_lines(notes)
    return report, built
