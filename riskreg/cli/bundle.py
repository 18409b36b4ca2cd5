"""`riskreg bundle build`: a standard OPA bundle of the controls and the register, for fleets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import err, write_atomic
from riskreg.cli.options import PoliciesOption, RisksOption
from riskreg.config import Flags, resolve_settings
from riskreg.run.bundle import build_opa_bundle

app = typer.Typer(no_args_is_help=True, help="OPA bundles of riskreg's controls and register.")


@app.command("build")
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="Bundle file to write.")] = Path(
        "bundle.tar.gz"
    ),
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    now: Annotated[
        str | None, typer.Option("--now", envvar="RISKREG_NOW", hidden=True, help="Clock.")
    ] = None,
) -> None:
    """Write an OPA bundle: .manifest (revision = policy digest; roots riskreg, riskreg_gate,
    riskreg_register), the policy .rego files (no tests, no samples), and the register as
    data.riskreg_register. Serve it with `opa run --server --bundle bundle.tar.gz`, query
    data.riskreg_gate.batch, and feed its decision logs to `riskreg decisions ingest`.
    """
    settings = resolve_settings(Flags(risks=risks, policies=policies, now=now))
    built = build_opa_bundle(settings)
    write_atomic(output, built.data)
    err(
        f"bundle {output}: revision {built.revision[:12]}, {built.risks} risks, "
        f"{len(built.data)} bytes"
    )
