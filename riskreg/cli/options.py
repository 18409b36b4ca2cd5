"""Options shared by several commands, so every command reads the same flag and variable."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from riskreg.config import Flags

RisksOption = Annotated[
    Path | None,
    typer.Option(
        "--risks",
        envvar="RISKREG_RISKS",
        help="Register folder holding risks/*.yaml [default: ./risks or [tool.riskreg] risks].",
        show_default=False,
    ),
]

PoliciesOption = Annotated[
    Path | None,
    typer.Option(
        "--policies",
        envvar="RISKREG_POLICIES",
        help="Folder of your own Rego controls, added to the built-in ones, or a bundle (.tar.gz) "
        "from `riskreg bundle build`, which is then the whole pack [default: ./policies when it "
        "exists, or [tool.riskreg] policies].",
        show_default=False,
    ),
]

BuiltinsOption = Annotated[
    bool | None,
    typer.Option(
        "--builtins/--no-builtins",
        envvar="RISKREG_BUILTINS",
        help="Use riskreg's built-in controls and register, which --policies and --risks add to "
        "[default: [tool.riskreg] builtins, else on].",
        show_default=False,
    ),
]

OpaBinaryOption = Annotated[
    Path | None,
    typer.Option(
        "--opa-binary",
        envvar="RISKREG_OPA",
        help="The opa binary to run [default: the riskreg checkout's .tools/bin/opa, then opa on "
        "PATH; never the working folder].",
        show_default=False,
    ),
]


class DataFormat(str, Enum):
    """Formats for listing data (risks, mitigations, controls)."""

    TABLE = "table"
    JSON = "json"
    YAML = "yaml"
    CSV = "csv"


class TextOrJson(str, Enum):
    """Formats for commands whose output is a short status."""

    TEXT = "text"
    JSON = "json"


# Options of the commands that evaluate like `check` or read a saved report (report, coverage, graph).
TargetPaths = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files or folders to evaluate like `riskreg check` (omit with --from-json).",
        show_default=False,
    ),
]

FromJsonOption = Annotated[
    Path | None,
    typer.Option(
        "--from-json",
        help="Use a saved `riskreg check --format json` report instead of evaluating PATHs.",
        exists=True,
        dir_okay=False,
    ),
]

TimeoutOption = Annotated[
    float | None,
    typer.Option(
        "--timeout",
        envvar="RISKREG_TIMEOUT",
        help="Seconds one evaluation request may take [default: 30].",
        show_default=False,
    ),
]

NowOption = Annotated[
    str | None,
    typer.Option(
        "--now",
        envvar="RISKREG_NOW",
        hidden=True,
        help="Clock override (ISO 8601), for reproducible reports.",
    ),
]

# Where waivers, the baseline and the history live, and whether a run is recorded (`check`).
WaiversOption = Annotated[
    Path | None,
    typer.Option(
        "--waivers",
        envvar="RISKREG_WAIVERS",
        help="Waivers file [default: <risks>/waivers.yaml when it exists].",
        show_default=False,
    ),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        envvar="RISKREG_BASELINE",
        help="Fail only on failures not in this baseline (see `riskreg baseline update`).",
        show_default=False,
    ),
]
RecordOption = Annotated[
    bool | None,
    typer.Option(
        "--record/--no-record",
        envvar="RISKREG_RECORD",
        help="Record this run in the history store [default: [tool.riskreg] record, else off].",
        show_default=False,
    ),
]
HistoryOption = Annotated[
    Path | None,
    typer.Option(
        "--history",
        envvar="RISKREG_HISTORY",
        help="SQLite history store [default: .riskreg/history.sqlite].",
        show_default=False,
    ),
]

ValuesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--values",
        metavar="[CHART=]FILE",
        help="Helm values file for the charts among PATHs: [CHART=]FILE, repeatable; CHART= limits "
        "it to one chart folder. Replaces [tool.riskreg] helm_values for those charts; the "
        "chart's own values.yaml always applies first.",
        show_default=False,
    ),
]

ContextOption = Annotated[
    list[str] | None,
    typer.Option(
        "--context",
        envvar="RISKREG_CONTEXT",
        metavar="PATH",
        help="Folder or file of cluster- and namespace-wide objects (NetworkPolicies, RBAC, "
        "RuntimeClasses, Namespaces) kept apart from the workloads: added to every target's view "
        "for look-ups, never judged itself. Repeatable [default: [tool.riskreg] context].",
        show_default=False,
    ),
]
RequireVerifiedOption = Annotated[
    bool | None,
    typer.Option(
        "--require-verified/--no-require-verified",
        envvar="RISKREG_REQUIRE_VERIFIED",
        help="Also fail the gate (exit 1) when a mitigation passed only on self-declared fields "
        "(attested) and no control verified it on real configuration [default: [tool.riskreg] "
        "require_verified, else off].",
        show_default=False,
    ),
]
OpaMemoryOption = Annotated[
    str | None,
    typer.Option(
        "--opa-memory",
        envvar="RISKREG_OPA_MEMORY",
        metavar="SIZE",
        help="Memory bound of riskreg's opa server (e.g. 2GiB, 512MiB; RLIMIT_DATA): a control "
        "that grows past it stops the run with exit 4 instead of the machine [default: 2GiB, or "
        "[tool.riskreg] opa_memory].",
        show_default=False,
    ),
]

# Signed control packs: which key a --policies bundle must verify against, and the escape hatch.
VerificationKeyOption = Annotated[
    Path | None,
    typer.Option(
        "--verification-key",
        envvar="RISKREG_VERIFICATION_KEY",
        metavar="PEM",
        help="Public key (PEM) a --policies bundle's signature must verify against; a bundle "
        "that is unsigned, signed by another key or changed since signing is refused (exit 3) "
        "[default: [tool.riskreg] verification_key].",
        show_default=False,
        dir_okay=False,
    ),
]
AllowUnsignedOption = Annotated[
    bool,
    typer.Option(
        "--allow-unsigned",
        help="Run an unsigned bundle (or a signed one with no key configured), a built-in pack "
        "changed since its wheel was built, and additions refused by require_signed; recorded in "
        "every report. A bundle whose signature fails is still refused.",
    ),
]
RequireSignedOption = Annotated[
    bool | None,
    typer.Option(
        "--require-signed/--no-require-signed",
        envvar="RISKREG_REQUIRE_SIGNED",
        help="Refuse controls outside a verified signed bundle: a --policies folder, a params "
        "override, register links to controls [default: [tool.riskreg] require_signed, else off].",
        show_default=False,
    ),
]


@dataclass(frozen=True)
class PackTrust:
    """The values of the three options above, as a command that runs controls gives them."""

    verification_key: Path | None = None
    allow_unsigned: bool = False
    require_signed: bool | None = None

    def onto(self, flags: Flags) -> Flags:
        """`flags` with these set (None: not given, so RISKREG_* and [tool.riskreg] decide)."""
        return replace(
            flags, verification_key=self.verification_key, allow_unsigned=self.allow_unsigned,
            require_signed=self.require_signed,
        )  # fmt: skip
