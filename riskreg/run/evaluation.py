"""The pipeline: Settings -> register -> engine -> evaluate -> waivers/baseline -> Report -> record."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from riskreg.run.engine import load_register, prepare_engine, risks_by_mitigation, start_engine
from riskreg.run.provenance import provenance, tool_info
from riskreg.run.systems import apply_gates, due_messages, load_view
from riskreg.run.workflow import apply_workflow, finish_run, load_waiver_list

if TYPE_CHECKING:
    from pathlib import Path

    from riskreg.config import Settings
    from riskreg.manifests.context import Context
    from riskreg.manifests.discover import Discovery
    from riskreg.manifests.render import RenderOptions
    from riskreg.models.finding import EvaluatedTarget, Finding, GateResult, Report
    from riskreg.models.provenance_pack import ControlPack
    from riskreg.models.risk import Register
    from riskreg.models.target import Target
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.engines.binary import OpaBinary
    from riskreg.policy.engines.interface import Engine
    from riskreg.run.warm import Warm

# Called with the number of targets just evaluated; the CLI draws a progress line with it.
Progress = Callable[[int], None]
# Called with the control pack once it is opened (verified), so a run that fails later can still
# name the pack in its failed-run report.
PackSeen = Callable[["ControlPack"], None]


@dataclass(frozen=True)
class RunResult:
    """A finished run: its report, and the status lines and warnings for the user, in order."""

    report: Report
    messages: tuple[str, ...] = ()


def find_targets(settings: Settings, paths: list[str]) -> Discovery:
    """The targets named by files, folders, globs or `-`, read lazily within the settings' limits.

    Bad input raises InvalidInputError (or UsageError for a path that matches nothing) where it
    is met, so a stream of targets can be evaluated while the next ones are read.
    """
    from riskreg.manifests.discover import discover

    return discover(paths, settings.limits, render_options(settings), own_files(settings))


def own_files(settings: Settings) -> frozenset[Path]:
    """riskreg's own inputs, never targets when a folder holding them is checked (after `riskreg
    init`, `riskreg check .` must not read risks/waivers.yaml as a manifest)."""
    mine = (settings.risks, settings.policies, settings.waivers, settings.baseline, settings.params)
    return frozenset(path.resolve() for path in mine if path is not None and path.exists())


def render_options(settings: Settings) -> RenderOptions:
    """How chart and kustomization folders are rendered: --values over [tool.riskreg] helm_values."""
    from riskreg.manifests.render import RenderOptions, parse_values_option, values_from_config

    configured = settings.helm_values
    from_config = (
        values_from_config(configured, settings.config_file)
        if configured and settings.config_file
        else ()
    )
    return RenderOptions(
        values=parse_values_option(settings.values),
        config_values=from_config,
        timeout=settings.render_timeout,
        memory=settings.render_memory,
    )


def gate_inputs(settings: Settings, targets: Iterable[Target]) -> Iterator[dict[str, Any]]:
    """The exact document OPA receives for each target (`riskreg check --print-input`)."""
    from riskreg.policy.evaluate import build_input

    context = load_context_documents(settings)
    for target in targets:
        yield build_input(target, settings.now_ns, context.documents)


def load_context_documents(settings: Settings) -> Context:
    """The documents of the settings' --context folders (none when there are none)."""
    from riskreg.manifests.context import Context, load_context

    if not settings.context:
        return Context()
    return load_context(list(settings.context), settings.limits)


def evaluate_targets(
    settings: Settings,
    targets: Iterable[Target],
    *,
    command: str = "check",
    progress: Progress | None = None,
    pack_seen: PackSeen | None = None,
) -> RunResult:
    """Load the register and controls, evaluate every target, and build the one Report.

    `check`, `report`, `coverage`, `baseline` and `evidence` all come here, so they see the same
    verdicts, waivers, baseline and history; `command` is what the history records.
    """
    from riskreg.run.trust import open_pack

    register = load_register(settings)
    with ExitStack() as stack:
        opened = stack.enter_context(open_pack(settings, register))
        if pack_seen is not None:
            pack_seen(opened.pack)
        binary, warm = _warm(opened.settings, register, opened.pack)
        engine, binary = stack.enter_context(start_engine(opened.settings, binary, warm.engine))
        # Everything below runs while opa starts: imports, waivers, context, the targets.
        from riskreg.policy.catalog import Catalog
        from riskreg.policy.enforcement import apply_enforcement, with_actions
        from riskreg.policy.evaluate import EvaluationContext, evaluate
        from riskreg.policy.report import build_report

        waivers = load_waiver_list(settings)
        shared = load_context_documents(settings)
        loaded = prepare_engine(opened.settings, engine, binary, register, warm.catalog_key)
        catalog = Catalog(controls=with_actions(loaded.controls, settings.enforcement))
        running = Catalog([c for c in catalog.controls if c.enforcement != "off"])
        context = EvaluationContext(
            running, risks_by_mitigation(register), settings.now_ns, shared.documents
        )
        jobs = settings.jobs or os.cpu_count() or 1
        findings, seen = evaluate(engine, targets, context, settings.batch_size, progress, jobs)
        findings = apply_enforcement(findings, catalog.controls)
        adjusted = apply_workflow(settings, findings, waivers)
        report = build_report(
            adjusted.findings, catalog, len(seen), settings.fail_on,
            tool_info(engine.version, _engine_kind(settings, warm.engine)),
            settings.now, waivers=adjusted.waivers, baseline=adjusted.baseline,
            gates=_gates(settings, adjusted.findings, catalog),
        )  # fmt: skip
    manifests = {path: digest for target in seen for path, digest in target.files.items()}
    inputs = provenance(settings, manifests, shared.files)
    # Files the discovery passed over (not manifests nor configurations), by reason; complete now
    # that every target has been read.
    from riskreg.manifests.discover import Discovery

    found = targets.passed_over if isinstance(targets, Discovery) else {}
    passed_over = dict(sorted(found.items()))
    summary = report.summary.model_copy(update={"passed_over": passed_over})
    report = report.model_copy(
        update={
            "inputs": inputs, "summary": summary, "targets": evaluated(seen),
            "control_pack": opened.pack,
        }
    )  # fmt: skip
    view = load_view(settings, register)
    report, judged = apply_gates(settings, register, report, view)
    report, recorded = finish_run(settings, report, seen, register, command)
    due = due_messages(settings, view)
    pack = opened.pack.one_line()
    warmth = (warm.line,) if warm.line else ()
    return RunResult(report, (pack, *warmth, *adjusted.messages, *due, *judged, *recorded))


def _warm(
    settings: Settings, register: Register, pack: ControlPack
) -> tuple[OpaBinary | None, Warm]:
    """With --warm: the opa binary and the running `riskreg serve` when it holds exactly what
    this run would load (riskreg.run.warm), with the line that says so or why not; without:
    nothing."""
    from riskreg.run.warm import Warm, warm_engine

    if not settings.warm:
        return None, Warm(None, "")
    from riskreg.policy.engines.binary import locate_opa

    binary = locate_opa(settings.opa_binary)
    return binary, warm_engine(settings, register, binary, pack)


def _engine_kind(settings: Settings, warm: Engine | None) -> str:
    if warm is not None:
        return "warm"
    return "remote" if settings.opa_urls else "local"


def evaluated(seen: list[Target]) -> list[EvaluatedTarget]:
    """The run's targets by name, each with the AIDeployments by which a system claims it."""
    from riskreg.models.finding import EvaluatedTarget

    return [
        EvaluatedTarget(name=target.name, deployments=list(target.deployments))
        for target in sorted(seen, key=lambda target: target.name)
    ]


def _gates(settings: Settings, findings: list[Finding], catalog: Catalog) -> list[GateResult]:
    """The gates asked for besides the severity threshold."""
    from riskreg.models.finding import GateResult
    from riskreg.policy.verified import attested_only

    if not settings.require_verified:
        return []
    failures = attested_only(findings, catalog.controls)
    return [GateResult(name="require-verified", passed=not failures, failures=failures)]


def failed_report(settings: Settings, error: str, pack: ControlPack | None = None) -> Report:
    """A report that says only that this run could not complete (SARIF executionSuccessful
    false, JUnit <error>, JSON errors), to replace any earlier report at the same path; it names
    the control pack when the run got as far as opening it."""
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.report import build_report

    tool = tool_info(None)
    report = build_report(
        [], Catalog(controls=[]), 0, settings.fail_on, tool, settings.now, errors=[error]
    )
    return report.model_copy(update={"control_pack": pack})
