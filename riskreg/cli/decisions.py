"""`riskreg decisions ingest`: OPA decision logs folded into per-control runtime evidence."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from riskreg.cli.console import err, out
from riskreg.cli.options import OpaBinaryOption, PoliciesOption, TextOrJson
from riskreg.config import Flags, resolve_settings
from riskreg.errors import InvalidInputError

if TYPE_CHECKING:
    from riskreg.models.workflow import RuntimeEvidence

app = typer.Typer(no_args_is_help=True, help="Runtime evidence from OPA decision logs.")


@app.command("ingest")
def ingest(
    files: Annotated[
        list[Path], typer.Argument(help="Decision-log files (JSON lines or arrays); - for stdin.")
    ],
    output_format: Annotated[
        TextOrJson, typer.Option("--format", "-f", help="Output format.")
    ] = TextOrJson.TEXT,
    policies: PoliciesOption = None,
    opa_binary: OpaBinaryOption = None,
    no_catalog: Annotated[
        bool,
        typer.Option("--no-catalog", help="Don't read control ids from the policies (no opa)."),
    ] = False,
) -> None:
    """Count, per control, the targets it denied and passed across every logged decision of
    data.riskreg_gate.batch (or of a single control), with the time window and servers seen.
    Lines that are not decision-log events are skipped and counted.
    """
    from riskreg.workflow.decisions import ingest as fold

    ids = {} if no_catalog else _control_ids(policies, opa_binary)
    evidence = fold(_lines(files), ids)
    if output_format is TextOrJson.JSON:
        out(evidence.model_dump_json(indent=2))
    else:
        out(_text(evidence))
    if evidence.decisions == 0:
        err("warning: no decision-log events found")


def _lines(files: list[Path]) -> list[str]:
    lines: list[str] = []
    for path in files:
        try:
            text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InvalidInputError(f"{path}: cannot read decision log: {exc}") from None
        lines.extend(text.splitlines())
    return lines


def _control_ids(policies: Path | None, opa_binary: Path | None) -> dict[str, str]:
    from riskreg.run.engine import load_catalog

    catalog = load_catalog(resolve_settings(Flags(policies=policies, opa_binary=opa_binary)))
    return {control.package_key: control.id for control in catalog.controls}


def _text(evidence: RuntimeEvidence) -> str:
    window = (
        f"{evidence.window_start.isoformat()} .. {evidence.window_end.isoformat()}"
        if evidence.window_start and evidence.window_end
        else "no timestamps"
    )
    lines = [
        f"{evidence.decisions} decisions, {evidence.evaluations} target evaluations, "
        f"{len(evidence.servers)} servers, window {window}",
        f"{'CONTROL':24} {'DENY':>6} {'PASS':>6}  LAST SEEN",
    ]
    for item in evidence.controls:
        last = item.last_seen.isoformat() if item.last_seen else "-"
        lines.append(f"{item.control:24} {item.deny:>6} {item.passed:>6}  {last}")
    return "\n".join(lines)
