"""Where `report`, `coverage` and `graph` get their run: a fresh evaluation or a saved JSON report,
plus the register's coverage and the sha256 of every input, policy and register file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from riskreg.cli.runtime import EngineOptions, RunSettings, file_inputs, provenance, run_evaluation
from riskreg.errors import InvalidInputError, UsageError
from riskreg.models.severity import Severity

if TYPE_CHECKING:
    from riskreg.coverage.graph import CoverageGraph
    from riskreg.models.finding import Report
    from riskreg.models.risk import Register


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


def _catalogue_only(settings: RunSettings, fail_on: Severity) -> Report:
    """No PATHs: the controls without a run, so coverage shows what is wired, not what passes."""
    from riskreg.models.finding import Outcome, Report, Summary
    from riskreg.policy.catalog import load_catalog
    from riskreg.policy.engines.binary import locate_opa

    catalog = load_catalog(locate_opa(settings.opa_binary), settings.policies)
    summary = Summary(
        targets=0,
        controls=len(catalog.controls),
        by_outcome={outcome.value: 0 for outcome in Outcome},
        failures_by_severity={level.value: 0 for level in Severity},
        errors=0,
    )
    return Report(
        tool=settings.tool_info(None),
        generated_at=settings.now,
        fail_on=fail_on,
        passed_gate=True,
        summary=summary,
        controls=catalog.controls,
        findings=[],
    )


def obtain_report(sources: Sources, settings: RunSettings, fail_on: Severity) -> Report:
    """The run to report on, with `inputs` filled."""
    from riskreg.manifests.discover import discover

    sources.check()
    if sources.from_json:
        saved = load_saved(sources.from_json)
        extra = file_inputs("report", [sources.from_json]) + file_inputs(
            "register", _register_files(settings)
        )
        return saved.model_copy(update={"inputs": [*saved.inputs, *extra]})
    if not sources.paths:
        return _catalogue_only(settings, fail_on).model_copy(
            update={"inputs": provenance(settings, {})}
        )
    # run_evaluation fills `inputs` (manifests, policies, register, with sha256) itself.
    return run_evaluation(
        settings, discover(sources.paths, settings.limits), fail_on, EngineOptions()
    )


def _register_files(settings: RunSettings) -> list[Path]:
    from riskreg.register.store import register_paths

    return register_paths(settings.risks)


def with_coverage(report: Report, register: Register) -> tuple[Report, CoverageGraph]:
    """The report with its coverage section, and the graph it was computed from."""
    from riskreg.coverage.assess import analyse

    built, coverage = analyse(register, report)
    return report.model_copy(update={"coverage": coverage}), built
