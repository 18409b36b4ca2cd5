"""Where `report`, `coverage` and `graph` get their run: a fresh evaluation, a saved JSON report,
or the catalogue alone; and the register's coverage computed on it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from riskreg.errors import InvalidInputError, UsageError
from riskreg.run.engine import load_catalog, load_register
from riskreg.run.evaluation import Progress, RunResult, evaluate_targets, find_targets
from riskreg.run.provenance import file_inputs, provenance, register_files, tool_info
from riskreg.run.systems import analyse_run, due_messages, load_view

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.coverage.graph import CoverageGraph
    from riskreg.models.finding import Report


@dataclass(frozen=True)
class Sources:
    """What the user pointed at: PATHs to evaluate, or a saved report."""

    paths: list[str]
    from_json: Path | None

    def check(self) -> None:
        if self.paths and self.from_json:
            raise UsageError("give PATHs or --from-json, not both")


def load_saved(path: Path) -> Report:
    """A report saved by `riskreg check --format json`."""
    from pydantic import ValidationError

    from riskreg.models.finding import Report

    try:
        return Report.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(file)"
        raise InvalidInputError(
            f"{path}: {where}: {first['msg']}", hint="expected `riskreg check --format json` output"
        ) from None


def _catalogue_only(settings: Settings) -> Report:
    """No PATHs: the controls without a run, so coverage shows what is wired, not what passes;
    the pack is opened (verified) as for a run, and named in the report."""
    from riskreg.models.finding import Outcome, Report, Summary
    from riskreg.models.severity import Severity
    from riskreg.run.trust import open_pack

    with open_pack(settings, load_register(settings)) as opened:
        catalog = load_catalog(opened.settings)
    summary = Summary(
        targets=0,
        controls=len(catalog.controls),
        by_outcome={outcome.value: 0 for outcome in Outcome},
        failures_by_severity={level.value: 0 for level in Severity},
        errors=0,
    )
    return Report(
        tool=tool_info(None),
        generated_at=settings.now,
        fail_on=settings.fail_on,
        passed_gate=True,
        summary=summary,
        controls=catalog.controls,
        findings=[],
        control_pack=opened.pack,
    )


def _due(settings: Settings) -> tuple[str, ...]:
    """What is due in the register (evaluate_targets says it for a fresh run)."""
    return tuple(due_messages(settings, load_view(settings, load_register(settings))))


def obtain_report(
    settings: Settings, sources: Sources, progress: Progress | None = None
) -> RunResult:
    """The run to report on, with `inputs` filled (a saved report keeps its own and gains two)."""
    sources.check()
    from riskreg.models.finding import REPORT_SCHEMA_VERSION

    if sources.from_json:
        saved = load_saved(sources.from_json)
        extra = file_inputs("report", [sources.from_json])
        extra += file_inputs("register", register_files(settings))
        update = {"inputs": [*saved.inputs, *extra], "schema_version": REPORT_SCHEMA_VERSION}
        return RunResult(saved.model_copy(update=update), _due(settings))
    if not sources.paths:
        report = _catalogue_only(settings)
        update = {"inputs": provenance(settings, {})}
        pack = report.control_pack.one_line() if report.control_pack else ""
        return RunResult(report.model_copy(update=update), (pack, *_due(settings)))
    # evaluate_targets fills `inputs` (manifests, policies, register, with sha256) itself.
    targets = find_targets(settings, sources.paths)
    return evaluate_targets(settings, targets, progress=progress)


def with_coverage(
    settings: Settings, report: Report
) -> tuple[Report, CoverageGraph, tuple[str, ...]]:
    """The report with its coverage of the register (per AI system too) and the residual gate,
    the graph it was computed from, and warnings (targets no system claims)."""
    register = load_register(settings)
    analysis = analyse_run(settings, register, report, load_view(settings, register))
    update = {"coverage": analysis.coverage, "residual_gate": analysis.gate}
    return report.model_copy(update=update), analysis.built, analysis.messages
