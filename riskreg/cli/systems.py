"""`riskreg systems`: the AI systems inventory, and one system's risks before and after its measures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from riskreg.cli.console import emit, err, err_lines, out, with_progress
from riskreg.cli.options import (
    AllowUnsignedOption,
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
from riskreg.errors import UsageError
from riskreg.models.gate import Gate
from riskreg.models.severity import Severity

if TYPE_CHECKING:
    from riskreg.models.posture import SystemCoverage, SystemSummary

app = typer.Typer(
    help=(
        "The AI systems of the register (risks/systems/<id>.yaml): what each is, its EU AI Act "
        "class, the targets that are its evidence, its scope and assessed risks.\n\n"
        "Examples: riskreg systems list; riskreg systems show coding-agent examples/deployments"
    ),
    no_args_is_help=True,
)
FormatOption = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]
COLUMNS = ("id", "class", "lifecycle", "role", "owner", "appetite", "scope", "assessed", "above")


def _settings(
    risks: Path | None,
    now: str | None,
    policies: Path | None = None,
    opa_binary: Path | None = None,
    timeout: float | None = None,
    trust: PackTrust | None = None,
) -> Settings:
    # Showing is no gate: every failure counts, whatever check's settings say.
    flags = Flags(
        risks=risks, policies=policies, opa_binary=opa_binary, timeout=timeout, now=now,
        fail_on=Severity.LOW, gates=(Gate.CONTROLS,),
    )  # fmt: skip
    return resolve_settings((trust or PackTrust()).onto(flags))


def _row(item: SystemSummary) -> dict[str, str]:
    area = f" ({item.annex_iii_area})" if item.annex_iii_area else ""
    return {
        "id": item.id,
        "class": item.classification + area,
        "lifecycle": item.lifecycle,
        "role": item.role,
        "owner": item.owner,
        "appetite": item.appetite,
        "scope": str(item.in_scope),
        "assessed": str(item.assessed),
        "above": str(item.above_appetite_inherent),
    }


@app.command("list")
def list_systems(
    risks: RisksOption = None,
    output_format: FormatOption = TextOrJson.TEXT,
    now: NowOption = None,
) -> None:
    """List the AI systems: class, lifecycle, role, owner, appetite, risks in scope and assessed,
    and how many are inherently above the appetite. Reads only the register (no OPA).

    Examples:

    \b
      riskreg systems list
      riskreg systems list --format json
    """
    from riskreg.register.listing import render_table
    from riskreg.run.systems import list_systems as listed

    found = listed(_settings(risks, now))
    if output_format is TextOrJson.JSON:
        out(json.dumps([item.model_dump(mode="json") for item in found], indent=2))
    else:
        out(render_table([_row(item) for item in found], COLUMNS))
    err(f"{len(found)} systems (scope: risks in scope; above: inherently above the appetite)")


@app.command("show")
def show(
    system_id: Annotated[str, typer.Argument(metavar="ID", help="System id, e.g. coding-agent.")],
    paths: TargetPaths = None,
    from_json: FromJsonOption = None,
    output_format: FormatOption = TextOrJson.TEXT,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    timeout: TimeoutOption = None,
    now: NowOption = None,
    verification_key: VerificationKeyOption = None,
    allow_unsigned: AllowUnsignedOption = False,
    require_signed: RequireSignedOption = None,
) -> None:
    """One system: its targets, scope, exclusions and every in-scope risk with owner, inherent and
    residual score, treatment and the assurance of each mitigation on the system's own targets.

    Residual risk rests on evidence: give PATHs to evaluate (or --from-json); without them the
    controls are only read, nothing passes, and residual equals inherent risk.

    Examples:

    \b
      riskreg systems show coding-agent examples/deployments
      riskreg systems show public-chat-api --from-json run.json --format json
    """
    from riskreg.run.sources import Sources, obtain_report, with_coverage

    trust = PackTrust(verification_key, allow_unsigned, require_signed)
    settings = _settings(risks, now, policies, opa_binary, timeout, trust)
    run = with_progress(
        lambda progress: obtain_report(settings, Sources(paths or [], from_json), progress)
    )
    err_lines(run.messages)
    covered, _, notes = with_coverage(settings, run.report)
    err_lines(notes)
    assert covered.coverage is not None and covered.coverage.systems is not None
    item = _pick(covered.coverage.systems.systems, system_id)
    if output_format is TextOrJson.JSON:
        emit(item.model_dump_json(indent=2), None)
    else:
        from riskreg.render.systems_text import system_lines

        emit("\n".join(system_lines(item)), None)


def _pick(systems: list[SystemCoverage], system_id: str) -> SystemCoverage:
    found = next((item for item in systems if item.id == system_id), None)
    if found is None:
        known = ", ".join(item.id for item in systems)
        raise UsageError(f"no system {system_id!r} in the register", hint=f"known: {known}")
    return found
