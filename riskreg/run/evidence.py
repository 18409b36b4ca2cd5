"""Gathering what an evidence bundle holds: the report, inputs, policies, register and versions."""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from riskreg import __version__
from riskreg.errors import InvalidInputError
from riskreg.models.severity import Severity
from riskreg.run.evaluation import Progress, RunResult, evaluate_targets, find_targets
from riskreg.yamlsafe.limits import Limits

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.target import Target


@dataclass(frozen=True)
class Evidence:
    """Archive path -> bytes for every file of the bundle, and the run's messages for the user."""

    files: dict[str, bytes]
    messages: tuple[str, ...] = ()


def archive_name(prefix: str, path: str) -> str:
    """A safe archive path for a file: no leading `/`, no `..`."""
    parts = [part for part in PurePosixPath(Path(path).as_posix()).parts if part not in ("/", "..")]
    return "/".join([prefix, *parts])


def _run(
    settings: Settings, targets: list[Target], from_json: Path | None, progress: Progress | None
) -> RunResult:
    from riskreg.models.finding import Report

    if from_json is not None:
        try:
            return RunResult(Report.model_validate_json(from_json.read_bytes()))
        except (OSError, ValueError) as exc:
            raise InvalidInputError(f"{from_json}: not a riskreg JSON report: {exc}") from None
    if not targets:
        raise InvalidInputError("nothing to evaluate: give manifest paths or --from-json REPORT")
    # Evidence records every failure (no gate) and packing it is not a recorded run.
    settings = replace(settings, fail_on=Severity.LOW, record=False)
    return evaluate_targets(settings, targets, command="evidence", progress=progress)


def _input_files(targets: list[Target], limits: Limits) -> dict[str, bytes]:
    """The files the targets were read from (stdin has none), each with every secret riskreg
    redacts replaced by its marker, so a bundle never carries a credential its inputs held."""
    from riskreg.manifests.read import redacted_copy

    names = sorted({path for target in targets for path in target.files})
    return {archive_name("inputs", name): redacted_copy(Path(name), name, limits) for name in names}


def collect(
    settings: Settings, paths: list[str], from_json: Path | None, progress: Progress | None = None
) -> Evidence:
    """Every file of the bundle (MANIFEST and signature are added when it is packed)."""
    from riskreg.workflow.digest import policy_digest, policy_inputs

    targets = list(find_targets(settings, paths)) if paths else []
    run = _run(settings, targets, from_json, progress)
    report = run.report
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
    return Evidence(files, run.messages)
