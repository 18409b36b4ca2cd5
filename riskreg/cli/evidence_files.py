"""Gathering what an evidence bundle holds: the report, inputs, policies, register and versions."""

from __future__ import annotations

import json
import platform
from dataclasses import replace
from pathlib import Path, PurePosixPath

from riskreg import __version__
from riskreg.cli.runtime import EngineOptions, RunSettings, run_evaluation
from riskreg.cli.workflow_run import WorkflowOptions
from riskreg.errors import InvalidInputError
from riskreg.models.finding import Report
from riskreg.models.severity import Severity
from riskreg.models.target import Target
from riskreg.yamlsafe.limits import Limits


def archive_name(prefix: str, path: str) -> str:
    """A safe archive path for a file: no leading `/`, no `..`."""
    parts = [part for part in PurePosixPath(Path(path).as_posix()).parts if part not in ("/", "..")]
    return "/".join([prefix, *parts])


def _report(settings: RunSettings, targets: list[Target], from_json: Path | None) -> Report:
    if from_json is not None:
        try:
            return Report.model_validate_json(from_json.read_bytes())
        except (OSError, ValueError) as exc:
            raise InvalidInputError(f"{from_json}: not a riskreg JSON report: {exc}") from None
    if not targets:
        raise InvalidInputError("nothing to evaluate: give manifest paths or --from-json REPORT")
    workflow = replace(WorkflowOptions.resolve("evidence"), record=False)
    return run_evaluation(settings, targets, Severity.LOW, EngineOptions(), workflow)


def _input_files(targets: list[Target], limits: Limits) -> dict[str, bytes]:
    """The files the targets were read from (stdin has none), each with every secret riskreg
    redacts replaced by its marker, so a bundle never carries a credential its inputs held."""
    from riskreg.manifests.read import redacted_copy

    names = sorted({path for target in targets for path in target.files})
    return {archive_name("inputs", name): redacted_copy(Path(name), name, limits) for name in names}


def collect(settings: RunSettings, paths: list[str], from_json: Path | None) -> dict[str, bytes]:
    """Archive path -> bytes for every file of the bundle (MANIFEST and signature are added later)."""
    from riskreg.manifests.discover import discover
    from riskreg.workflow.digest import policy_digest, policy_inputs

    targets = list(discover(paths, settings.limits)) if paths else []
    report = _report(settings, targets, from_json)
    files = {"report.json": report.model_dump_json(indent=2).encode("utf-8") + b"\n"}
    files.update(_input_files(targets, settings.limits))
    for path in policy_inputs(settings.policies):
        files[archive_name("policies", str(path.relative_to(settings.policies)))] = (
            path.read_bytes()
        )
    for path in sorted(settings.risks.glob("*.yaml")):
        files[f"register/{path.name}"] = path.read_bytes()
    versions = {
        "riskreg": __version__,
        "opa": report.tool.opa_version,
        "python": platform.python_version(),
        "policy_digest": policy_digest(settings.policies),
        "report_generated_at": report.generated_at.isoformat(),
    }
    files["versions.json"] = (json.dumps(versions, indent=2, sort_keys=True) + "\n").encode()
    return files
