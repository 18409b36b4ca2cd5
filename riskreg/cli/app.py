"""The `riskreg` Typer app: global options, the command groups, and the one exception handler."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Annotated

import typer

from riskreg import __version__
from riskreg.cli import (
    baseline,
    bundle,
    check,
    controls,
    coverage,
    decisions,
    doctor,
    evidence,
    history,
    init,
    mitigations,
    register,
    report,
    risks,
    serve,
    systems,
)
from riskreg.errors import ExitCode, RiskregError

app = typer.Typer(
    name="riskreg",
    help=(
        "AI risk register and policy-as-code gate.\n\n"
        "Risks from the MIT AI Risk Repository live as data in risks/*.yaml; each mitigation is "
        "enforced by Rego controls in policies/, evaluated by OPA against deployment manifests.\n\n"
        "Exit codes: 0 clean, 1 violations at or above --fail-on, 2 usage error, "
        "3 invalid input, 4 evaluation could not be completed."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"riskreg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="RISKREG_DEBUG", help="Show tracebacks on errors."),
    ] = False,
) -> None:
    """Global options (given before the command)."""


app.add_typer(risks.app, name="risks")
app.add_typer(mitigations.app, name="mitigations")
app.add_typer(controls.app, name="controls")
app.add_typer(systems.app, name="systems")
app.add_typer(register.app, name="register")
app.command("check", epilog=check.EPILOG)(check.check)
app.command("doctor", epilog=doctor.EPILOG)(doctor.doctor)
app.command("init", epilog=init.EPILOG)(init.init)
app.command("report", epilog=report.EPILOG)(report.report)
app.command("serve", epilog=serve.EPILOG)(serve.serve)
app.command("coverage")(coverage.coverage)
app.command("graph")(coverage.graph)
app.add_typer(baseline.app, name="baseline")
app.add_typer(history.app, name="history")
app.add_typer(evidence.app, name="evidence")
app.add_typer(bundle.app, name="bundle")
app.add_typer(decisions.app, name="decisions")


def _debug_requested(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("RISKREG_DEBUG", "").lower() in {"1", "true", "yes"}


def run(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; every failure becomes one `error:` line and a code."""
    from typer._click import ClickException  # Typer vendors click; its errors are usage errors

    args = sys.argv[1:] if argv is None else argv
    try:
        result = app(args=args, prog_name="riskreg", standalone_mode=False)
    except typer.Abort:
        sys.stderr.write("error: interrupted\n")
        return int(ExitCode.EVALUATION_FAILED)
    except ClickException as exc:
        exc.show()
        return int(ExitCode.USAGE)
    except RiskregError as exc:
        if _debug_requested(args):
            traceback.print_exc()
        sys.stderr.write(f"error: {exc.one_line()}\n")
        return int(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        return int(ExitCode.EVALUATION_FAILED)
    except Exception as exc:
        # An unexpected crash must never look like a clean run or a policy verdict.
        if _debug_requested(args):
            traceback.print_exc()
        sys.stderr.write(
            f"error: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)\n"
        )
        return int(ExitCode.EVALUATION_FAILED)
    return int(result) if isinstance(result, int) else int(ExitCode.CLEAN)


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
