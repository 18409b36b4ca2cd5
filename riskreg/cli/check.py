"""`riskreg check`: the CI gate: evaluate manifests against every control and exit by the contract."""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Annotated, Any

import typer

from riskreg.cli.console import emit, err, out
from riskreg.cli.options import (
    NowOption,
    OpaBinaryOption,
    PoliciesOption,
    RisksOption,
    TimeoutOption,
)
from riskreg.cli.runtime import EngineOptions, RunSettings, run_evaluation
from riskreg.cli.workflow_run import (
    BaselineOption,
    HistoryOption,
    RecordOption,
    WaiversOption,
    WorkflowOptions,
    workflow_summary,
)
from riskreg.errors import EvaluationError, ExitCode
from riskreg.models.severity import Severity
from riskreg.render.registry import OutputFormat

EPILOG = """Examples:

  riskreg check examples/deployments                    # every deployment folder is a target

  riskreg check k8s/ --fail-on high --format sarif --output riskreg.sarif

  kustomize build overlays/prod | riskreg check -         # read one target from stdin

  riskreg check --print-input examples/deployments/coding-agent   # what OPA receives
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
    opa_binary: OpaBinaryOption = None,
    opa_url: Annotated[
        list[str] | None,
        typer.Option(
            "--opa-url",
            envvar="RISKREG_OPA_URL",
            help="Use running OPA server(s) with riskreg's policies loaded, instead of starting one; repeat to spread batches. Token from RISKREG_OPA_TOKEN or --opa-token-file.",
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
) -> None:
    """Evaluate deployment manifests against every control; the exit code is the gate.

    Exit codes: 0 clean, 1 a control failed at or above --fail-on, 2 usage error,
    3 invalid input (manifest, register or policy), 4 evaluation could not be completed.
    The report goes to stdout (or --output); a one-line summary goes to stderr.
    """
    from riskreg.manifests.discover import discover

    signal.signal(signal.SIGTERM, _terminate)
    settings = RunSettings.resolve(risks, policies, opa_binary, timeout, now)
    fail_on = fail_on or settings.fail_on
    # Targets stream: while OPA evaluates a batch the next is read, and only a trimmed record of
    # each stays in memory. Bad input still exits 3 wherever it is met, before any report.
    targets = discover(paths, settings.limits)
    if print_input:
        _print_inputs(targets, settings.now_ns)
        return
    engine_options = EngineOptions(opa_url or [], opa_token_file, opa_ca_bundle, batch_size, jobs)
    workflow = WorkflowOptions.resolve("check", waivers, baseline, record, history)
    try:
        report = run_evaluation(settings, targets, fail_on, engine_options, workflow)
        report = with_passed_over(report, targets.passed_over)
    except EvaluationError as exc:
        if output is not None:
            # Never leave an earlier clean report at --output for a CI step to publish.
            failed = _failed_report(settings, fail_on, exc.one_line())
            emit(_render(failed, output_format), output)
        raise
    emit(_render(report, output_format), output)
    _summary(report)
    if not report.passed_gate:
        raise typer.Exit(
            int(ExitCode.EVALUATION_FAILED if report.summary.errors else ExitCode.VIOLATIONS)
        )


def with_passed_over(report: Any, passed_over: dict[str, int]) -> Any:
    """The report with the discovery's count of files passed over, by reason, in its summary."""
    summary = report.summary.model_copy(update={"passed_over": dict(sorted(passed_over.items()))})
    return report.model_copy(update={"summary": summary})


def _failed_report(settings: RunSettings, fail_on: Severity, error: str) -> Any:
    """A report that says only that this run could not complete (SARIF executionSuccessful
    false, JUnit <error>, JSON errors), in place of any earlier report at the same path."""
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.report import build_report

    tool = settings.tool_info(None)
    return build_report([], Catalog(controls=[]), 0, fail_on, tool, settings.now, errors=[error])


def _print_inputs(targets: Any, now_ns: int) -> None:
    from riskreg.policy.evaluate import build_input

    for target in targets:
        out(json.dumps(build_input(target, now_ns), indent=2, sort_keys=True))


def _render(report: Any, output_format: OutputFormat) -> str:
    from riskreg.render.registry import render

    return render(report, output_format)


def _summary(report: Any) -> None:
    counts = report.summary.by_outcome
    verdict = "passed" if report.passed_gate else "FAILED"
    err(
        f"riskreg check {verdict}: {report.summary.targets} targets x {report.summary.controls} controls, "
        f"{counts['fail']} failing, {counts['warn']} warnings, {report.summary.errors} errors "
        f"(fail on {report.fail_on.value}+)"
    )
    if report.summary.passed_over:
        err(passed_over_line(report.summary.passed_over))
    for line in workflow_summary(report):
        err(line)


def passed_over_line(passed_over: dict[str, int]) -> str:
    counts = ", ".join(f"{count} {reason}" for reason, count in passed_over.items())
    return f"passed over (not read, see 'What riskreg reads' in the README): {counts}"
