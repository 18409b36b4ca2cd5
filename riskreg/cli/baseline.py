"""`riskreg baseline`: write the baseline of today's failures so the gate fails only on new ones."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import emit, err, err_lines, with_progress
from riskreg.cli.options import (
    AllowUnsignedOption,
    BuiltinsOption,
    OpaBinaryOption,
    PackTrust,
    PoliciesOption,
    RequireSignedOption,
    RisksOption,
    VerificationKeyOption,
    WaiversOption,
)
from riskreg.config import Flags, resolve_settings
from riskreg.run.baseline import update_baseline

app = typer.Typer(no_args_is_help=True, help="Baselines of known failures (`check --baseline`).")

NowOption = Annotated[
    str | None,
    typer.Option("--now", envvar="RISKREG_NOW", hidden=True, help="Clock override (ISO 8601)."),
]


@app.command("update")
def update(
    paths: Annotated[
        list[str], typer.Argument(help="Manifests to evaluate, as for `riskreg check`.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Baseline file to write (atomically).")
    ] = Path("riskreg-baseline.json"),
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    builtins: BuiltinsOption = None,
    opa_binary: OpaBinaryOption = None,
    waivers: WaiversOption = None,
    now: NowOption = None,
    verification_key: VerificationKeyOption = None,
    allow_unsigned: AllowUnsignedOption = False,
    require_signed: RequireSignedOption = None,
) -> None:
    """Evaluate PATHS and write every failing finding as known (keyed on control, target,
    resource and path; messages may change freely). Commit the file; `check --baseline FILE`
    then fails only on failures not in it, and reports the ones fixed since.
    """
    flags = Flags(
        risks=risks, policies=policies, opa_binary=opa_binary, waivers=waivers, now=now,
        builtins=builtins,
    )  # fmt: skip
    trust = PackTrust(verification_key, allow_unsigned, require_signed)
    settings = resolve_settings(trust.onto(flags))
    run = with_progress(lambda progress: update_baseline(settings, paths, progress))
    err_lines(run.messages)
    emit(run.text, output)
    err(f"baseline {output}: {len(run.baseline.entries)} known failures")
