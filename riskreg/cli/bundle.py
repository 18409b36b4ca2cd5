"""`riskreg bundle build`: a standard OPA bundle of the controls and the register, for fleets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import err, write_atomic
from riskreg.cli.options import BuiltinsOption, PoliciesOption, RisksOption
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
    builtins: BuiltinsOption = None,
    now: Annotated[
        str | None, typer.Option("--now", envvar="RISKREG_NOW", hidden=True, help="Clock.")
    ] = None,
    signing_key: Annotated[
        Path | None,
        typer.Option(
            "--signing-key",
            metavar="PEM",
            help="Sign the bundle with this RSA (RS256) or EC P-256 (ES256) private key, in "
            "OPA's format (.signatures.json), so `riskreg check --policies BUNDLE "
            "--verification-key PUB` and `opa run --verification-key PUB` accept it.",
            dir_okay=False,
        ),
    ] = None,
) -> None:
    """Write an OPA bundle: .manifest (revision = policy digest; roots riskreg, riskreg_gate,
    riskreg_register), the policy .rego files (no tests, no samples), and the register as
    data.riskreg_register. Serve it with `opa run --server --bundle bundle.tar.gz`, query
    data.riskreg_gate.batch, and feed its decision logs to `riskreg decisions ingest`.
    With --signing-key it carries .signatures.json; the private key is never printed.
    """
    settings = resolve_settings(Flags(risks=risks, policies=policies, now=now, builtins=builtins))
    built = build_opa_bundle(settings, signing_key)
    write_atomic(output, built.data)
    signed = f", signed by key {built.key_id}" if built.key_id else ", unsigned"
    err(
        f"bundle {output}: revision {built.revision[:12]}, {built.risks} risks, "
        f"{len(built.data)} bytes{signed}"
    )
