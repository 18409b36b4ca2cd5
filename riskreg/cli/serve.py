"""`riskreg serve`: keep the opa `check` starts running, for `check --warm` (hooks, editors)."""

from __future__ import annotations

import json
import signal
from typing import TYPE_CHECKING, Annotated, Any

import typer

from riskreg.cli.console import err, out
from riskreg.cli.options import (
    AllowUnsignedOption,
    BuiltinsOption,
    HistoryOption,
    OpaBinaryOption,
    OpaMemoryOption,
    PoliciesOption,
    RequireSignedOption,
    RisksOption,
    TextOrJson,
    TimeoutOption,
    VerificationKeyOption,
)
from riskreg.config import Flags, resolve_settings

if TYPE_CHECKING:
    from riskreg.run.warm import ServeState

EPILOG = """Examples:

  riskreg serve &                                  # in the project; stops after 15 idle minutes

  riskreg check --warm examples/deployments        # evaluates through it when it matches

  riskreg serve --idle-timeout 300 --format json   # the state, without its token, once ready
"""


def _stop(_signum: int, _frame: Any) -> None:
    # A second signal must not interrupt the cleanup the first one started.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def serve(
    idle_timeout: Annotated[
        float | None,
        typer.Option(
            "--idle-timeout",
            envvar="RISKREG_IDLE_TIMEOUT",
            metavar="SECONDS",
            help="Stop after this many seconds without a query [default: 900, or "
            "[tool.riskreg] idle_timeout].",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        TextOrJson,
        typer.Option("--format", "-f", help="How to print the state once ready (never the token)."),
    ] = TextOrJson.TEXT,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    builtins: BuiltinsOption = None,
    opa_binary: OpaBinaryOption = None,
    opa_memory: OpaMemoryOption = None,
    timeout: TimeoutOption = None,
    history: HistoryOption = None,
    verification_key: VerificationKeyOption = None,
    allow_unsigned: AllowUnsignedOption = False,
    require_signed: RequireSignedOption = None,
) -> None:
    """Run the opa `check` would start (same controls, register, parameters and bounds) on
    127.0.0.1 with a fresh token, until Ctrl-C, SIGTERM or --idle-timeout idle seconds.

    `check --warm` uses it only while it holds exactly what that run would load. The token and
    url are in .riskreg/serve.json (mode 0600, beside the history), removed when serve stops.
    Exit codes: 0 stopped, 2 another serve runs here, 3 invalid input, 4 opa failed.
    """
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    flags = Flags(
        risks=risks, policies=policies, builtins=builtins, opa_binary=opa_binary,
        opa_memory=opa_memory, timeout=timeout, history=history, idle_timeout=idle_timeout,
        verification_key=verification_key, allow_unsigned=allow_unsigned,
        require_signed=require_signed,
    )  # fmt: skip
    settings = resolve_settings(flags)
    from riskreg.run.serve import serve as run_serve

    try:
        run_serve(settings, lambda state: _ready(state, output_format))
    except KeyboardInterrupt:
        err("riskreg serve stopped")
        return
    err(f"riskreg serve stopped: no query for {settings.idle_timeout:g} s")


def _ready(state: ServeState, output_format: TextOrJson) -> None:
    if output_format is TextOrJson.JSON:
        out(json.dumps(state.public(), indent=2, sort_keys=True))
        return
    err(state.control_pack.one_line())
    err(
        f"riskreg serve: opa {state.opa_version} at {state.url} (pid {state.opa_pid}), ready for "
        f"`riskreg check --warm`; stops after {state.idle_timeout:g} s without a query or on Ctrl-C"
    )
