"""`riskreg check`: the CI gate: evaluate manifests against every control and exit by the contract."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from riskreg.cli.console import emit, err, err_lines, out, with_progress
from riskreg.cli.options import (
    AllowUnsignedOption,
    BaselineOption,
    BuiltinsOption,
    ContextOption,
    HistoryOption,
    NowOption,
    OpaBinaryOption,
    OpaMemoryOption,
    PoliciesOption,
    RecordOption,
    RequireSignedOption,
    RequireVerifiedOption,
    RisksOption,
    TimeoutOption,
    ValuesOption,
    VerificationKeyOption,
    WaiversOption,
)
from riskreg.config import Flags, resolve_settings
from riskreg.errors import EvaluationError, ExitCode, InvalidInputError
from riskreg.models.gate import Gate
from riskreg.models.severity import Severity
from riskreg.render.registry import OutputFormat
from riskreg.run.evaluation import evaluate_targets, failed_report, find_targets, gate_inputs

if TYPE_CHECKING:
    from riskreg.models.finding import Report
    from riskreg.models.provenance_pack import ControlPack

EPILOG = """Examples:

  riskreg check examples/deployments                    # every deployment folder is a target

  riskreg check k8s/ --fail-on high --format sarif --output riskreg.sarif

  kustomize build overlays/prod | riskreg check -         # read one target from stdin

  riskreg check --print-input examples/deployments/coding-agent   # what OPA receives

  riskreg check charts/api --values charts/api=charts/api/values-prod.yaml   # a chart, rendered

  riskreg check examples/deployments --gate residual    # residual risk above a system's appetite

  riskreg check deploy/ --gate controls --gate residual  # both gates

  riskreg check deploy/ --policies pack.tar.gz --verification-key pack.pub.pem   # a signed pack

  riskreg check --warm examples/deployments    # through a running `riskreg serve`, if it matches
"""


def _terminate(signum: int, _frame: Any) -> None:
    raise EvaluationError(f"stopped by signal {signal.Signals(signum).name}")


def check(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders (each folder with manifests is a target), globs, or - for stdin.",
            show_default=False,
        ),
    ],
    fail_on: Annotated[
        Severity | None,
        typer.Option(
            "--fail-on",
            envvar="RISKREG_FAIL_ON",
            help="Lowest severity that fails the gate (exit 1) [default: low, or [tool.riskreg] fail_on].",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report to FILE (atomically) instead of stdout."
        ),
    ] = None,
    print_input: Annotated[
        bool,
        typer.Option(
            "--print-input", help="Print the JSON document OPA receives for each target, and exit."
        ),
    ] = False,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    builtins: BuiltinsOption = None,
    opa_binary: OpaBinaryOption = None,
    opa_url: Annotated[
        list[str] | None,
        typer.Option(
            "--opa-url",
            envvar="RISKREG_OPA_URL",
            help="Use running OPA server(s) with riskreg's policies loaded, instead of starting one; repeat to spread batches. Token from RISKREG_OPA_TOKEN or --opa-token-file.",
        ),
    ] = None,
    warm: Annotated[
        bool | None,
        typer.Option(
            "--warm/--no-warm",
            envvar="RISKREG_WARM",
            help="Evaluate through the running `riskreg serve` of this project when it loaded "
            "exactly these policies, register and parameters; else start opa as usual, with a "
            "warning saying why [default: [tool.riskreg] warm, else off].",
            show_default=False,
        ),
    ] = None,
    opa_token_file: Annotated[
        Path | None,
        typer.Option("--opa-token-file", help="File holding the bearer token for --opa-url."),
    ] = None,
    opa_ca_bundle: Annotated[
        Path | None, typer.Option("--opa-ca-bundle", help="CA bundle to verify an https --opa-url.")
    ] = None,
    timeout: TimeoutOption = None,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Targets per OPA request.")
    ] = 64,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=0,
            envvar="RISKREG_JOBS",
            help="Batches evaluated at once [default: 0 = one per CPU core].",
        ),
    ] = 0,
    now: NowOption = None,
    waivers: WaiversOption = None,
    baseline: BaselineOption = None,
    record: RecordOption = None,
    history: HistoryOption = None,
    values: ValuesOption = None,
    context: ContextOption = None,
    require_verified: RequireVerifiedOption = None,
    opa_memory: OpaMemoryOption = None,
    gate: Annotated[
        list[Gate] | None,
        typer.Option(
            "--gate",
            envvar="RISKREG_GATE",
            help="What fails the check, repeatable: controls (a finding at or above --fail-on) "
            "and/or residual (a system's residual risk above its appetite without a valid "
            "acceptance) [default: controls, or [tool.riskreg] gate].",
            show_default=False,
        ),
    ] = None,
    verification_key: VerificationKeyOption = None,
    allow_unsigned: AllowUnsignedOption = False,
    require_signed: RequireSignedOption = None,
) -> None:
    """Evaluate deployment manifests against every control; the exit code is the gate.

    Exit codes: 0 clean, 1 a control failed at or above --fail-on, 2 usage error,
    3 invalid input (manifest, register or policy), 4 evaluation could not be completed.
    The report goes to stdout (or --output); a one-line summary goes to stderr.
    """
    signal.signal(signal.SIGTERM, _terminate)
    flags = Flags(
        risks=risks, policies=policies, opa_binary=opa_binary, fail_on=fail_on, timeout=timeout,
        jobs=jobs, waivers=waivers, baseline=baseline, record=record, history=history, now=now,
        opa_urls=tuple(opa_url) if opa_url else None, opa_token_file=opa_token_file,
        opa_ca_bundle=opa_ca_bundle, batch_size=batch_size, values=tuple(values or ()),
        context=tuple(context) if context else None, require_verified=require_verified,
        builtins=builtins, opa_memory=opa_memory,
        gates=tuple(gate) if gate else None, verification_key=verification_key,
        allow_unsigned=allow_unsigned, require_signed=require_signed, warm=warm,
    )  # fmt: skip
    settings = resolve_settings(flags)
    # Targets stream: while OPA evaluates a batch the next is read, and only a trimmed record of
    # each stays in memory. Bad input still exits 3 wherever it is met, before any report.
    targets = find_targets(settings, paths)
    if print_input:
        for document in gate_inputs(settings, targets):
            out(json.dumps(document, indent=2, sort_keys=True))
        return
    packs: list[ControlPack] = []  # the pack, once opened: a failed-run report names it
    try:
        result = with_progress(
            lambda progress: evaluate_targets(
                settings, targets, progress=progress, pack_seen=packs.append
            )
        )
    except (EvaluationError, InvalidInputError) as exc:
        # Never leave an earlier clean report at --output for a CI step to publish: not after an
        # incomplete evaluation (exit 4), nor after bad input met once the pack was open (exit 3).
        if output is not None and (packs or isinstance(exc, EvaluationError)):
            pack = packs[0] if packs else None
            emit(_render(failed_report(settings, exc.one_line(), pack), output_format), output)
        raise
    err_lines(result.messages)
    report = result.report
    emit(_render(report, output_format), output)
    _summary(report)
    if not report.passed_gate:
        raise typer.Exit(
            int(ExitCode.EVALUATION_FAILED if report.summary.errors else ExitCode.VIOLATIONS)
        )


def _render(report: Report, output_format: OutputFormat) -> str:
    from riskreg.render.registry import render

    return render(report, output_format)


def _summary(report: Report) -> None:
    counts = report.summary.by_outcome
    verdict = "passed" if report.passed_gate else "FAILED"
    err(
        f"riskreg check {verdict}: {report.summary.targets} targets x {report.summary.controls} controls, "
        f"{counts['fail']} failing, {counts['warn']} warnings, {report.summary.errors} errors "
        f"(fail on {report.fail_on.value}+){_residual_summary(report)}"
    )
    if report.summary.passed_over:
        err(passed_over_line(report.summary.passed_over))
    err_lines(workflow_summary(report))


def _residual_summary(report: Report) -> str:
    gate = report.residual_gate
    if gate is None:
        return ""
    return (
        f"; residual: {len(gate.breaches)} above appetite, {len(gate.accepted)} accepted, "
        f"{len(gate.judged)} systems judged"
    )


def workflow_summary(report: Report) -> list[str]:
    """Stderr lines after the verdict: failed extra gates, warn-mode controls, waived failures,
    baseline split, trend."""
    lines = []
    for gate in report.gates:
        if not gate.passed:
            lines.append(f"gate {gate.name} failed:")
            lines.extend(f"  {failure}" for failure in gate.failures)
    relaxed = [c.id for c in report.controls if c.enforcement != "deny"]
    if relaxed:
        actions = ", ".join(f"{c.id} {c.enforcement}" for c in report.controls if c.id in relaxed)
        lines.append(f"not enforced ([tool.riskreg.enforcement]): {actions}")
    waived = report.summary.by_outcome.get("waived", 0)
    if waived or report.waivers:
        lines.append(f"{waived} failures waived by {len(report.waivers)} waivers")
    if report.baseline is not None:
        info = report.baseline
        lines.append(
            f"baseline {info.file}: {len(info.new)} new, {len(info.known)} known, "
            f"{len(info.fixed)} fixed"
        )
    if report.trend is not None:
        trend = report.trend
        lines.append(
            f"since run {trend.previous_run}: failing {trend.failing_delta:+d}, "
            f"passing controls {trend.passing_controls_delta:+d}"
        )
    return lines


def passed_over_line(passed_over: dict[str, int]) -> str:
    counts = ", ".join(f"{count} {reason}" for reason, count in passed_over.items())
    return f"passed over (not read, see 'What riskreg reads' in the README): {counts}"
