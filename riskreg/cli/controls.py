"""`riskreg controls`: list and show controls from their METADATA, run their tests and linters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import err, out
from riskreg.cli.options import OpaBinaryOption, PoliciesOption, RisksOption, TextOrJson
from riskreg.config import Flags, Settings, resolve_settings
from riskreg.errors import ExitCode, InvalidInputError
from riskreg.run.engine import load_catalog, load_register

app = typer.Typer(
    help="The Rego controls: what each checks, which mitigations it implements, its tests.",
    no_args_is_help=True,
)

FormatOption = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]


def _settings(risks: Path | None, policies: Path | None, opa_binary: Path | None) -> Settings:
    return resolve_settings(Flags(risks=risks, policies=policies, opa_binary=opa_binary))


@app.command("list")
def list_controls(
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    output_format: FormatOption = TextOrJson.TEXT,
) -> None:
    """List every control: id, severity, the mitigations it implements, its title.

    Example: riskreg controls list --format json
    """
    catalog = load_catalog(_settings(risks, policies, opa_binary))
    if output_format is TextOrJson.JSON:
        out(json.dumps([control.model_dump(mode="json") for control in catalog.controls], indent=2))
        return
    for control in catalog.controls:
        out(
            f"{control.id:<13} {control.severity.value:<8} {','.join(control.mitigates):<24} {control.title}"
        )


@app.command("show")
def show(
    control_id: Annotated[str, typer.Argument(metavar="ID", help="Control id, e.g. NET-001.")],
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    output_format: FormatOption = TextOrJson.TEXT,
) -> None:
    """Show one control with its linked mitigations and risks.

    Example: riskreg controls show NET-001
    """
    settings = _settings(risks, policies, opa_binary)
    catalog = load_catalog(settings)
    control = catalog.by_id(control_id.upper())
    if control is None:
        known = ", ".join(c.id for c in catalog.controls)
        raise InvalidInputError(f"no control {control_id!r}", hint=f"known: {known}")
    register = load_register(settings)
    linked = [
        {"mitigation": mid, "risks": register.risk_ids_for_mitigation(mid)}
        for mid in control.mitigates
    ]
    if output_format is TextOrJson.JSON:
        out(json.dumps({**control.model_dump(mode="json"), "linked": linked}, indent=2))
        return
    out(
        f"{control.id}  {control.title}\n  severity: {control.severity.value}\n  package: {control.package}"
    )
    out(f"  file: {control.file}\n  kinds: {', '.join(control.kinds)}\n\n  {control.description}\n")
    for link in linked:
        out(
            f"  mitigates {link['mitigation']} (risk {', '.join(link['risks']) or 'NOT IN REGISTER'})"
        )
    for framework, clauses in sorted(control.frameworks.items()):
        out(f"  {framework}: {', '.join(clauses)}")


@app.command("test")
def test(
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    threshold: Annotated[
        float, typer.Option("--threshold", help="Fail under this coverage %.")
    ] = 90.0,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every test.")] = False,
) -> None:
    """Run the controls' Rego tests with `opa test` (an empty suite fails).

    Example: riskreg controls test --threshold 90
    """
    from riskreg.policy.engines.binary import locate_opa
    from riskreg.policy.tools import run_tests

    settings = _settings(None, policies, opa_binary)
    result = run_tests(locate_opa(settings.opa_binary), settings.policies, threshold, verbose)
    out(result.output)
    if not result.ok:
        raise typer.Exit(int(ExitCode.VIOLATIONS))


@app.command("lint")
def lint(
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
) -> None:
    """Check the controls: opa fmt, opa check --strict, regal lint, and METADATA ids.

    Every `custom.mitigates` id must exist in the register (a dangling id exits 3).
    Example: riskreg controls lint
    """
    from riskreg.policy.engines.binary import locate_opa
    from riskreg.policy.tools import lint_steps, require_no_dangling

    settings = _settings(risks, policies, opa_binary)
    binary = locate_opa(settings.opa_binary)
    catalog = load_catalog(settings)
    require_no_dangling(catalog, load_register(settings).mitigation_ids())
    steps = lint_steps(binary, settings.policies)
    broken = next(
        (step for step in steps if step.name.startswith("opa check") and not step.ok), None
    )
    if broken is not None:
        raise InvalidInputError(f"{settings.policies}: {broken.output.splitlines()[0]}")
    failed = [step for step in steps if not step.ok]
    for step in failed:
        err(f"{step.name} failed:\n{step.output}")
    if failed:
        raise typer.Exit(int(ExitCode.VIOLATIONS))
    err(f"controls lint passed: {len(catalog.controls)} controls")
