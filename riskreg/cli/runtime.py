"""What evaluating commands share: resolved settings, the register, and an engine with its catalogue."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from riskreg import __version__
from riskreg.config import load_project_config
from riskreg.errors import InvalidInputError, UsageError
from riskreg.yamlsafe.limits import Limits

if TYPE_CHECKING:
    from collections.abc import Iterable

    from riskreg.cli.workflow_run import WorkflowOptions
    from riskreg.models.control import Severity
    from riskreg.models.finding import InputFile, Report, ToolInfo
    from riskreg.models.risk import Register
    from riskreg.models.target import Target
    from riskreg.policy.catalog import Catalog
    from riskreg.policy.engines.interface import Engine


def _parse_now(now: str | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        parsed = dt.datetime.fromisoformat(now)
    except ValueError:
        raise UsageError(
            f"--now {now!r}: expected ISO 8601, e.g. 2026-01-31T12:00:00+00:00"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _severity(value: Any) -> Severity:
    from riskreg.models.severity import Severity

    try:
        return Severity(str(value))
    except ValueError:
        raise InvalidInputError(
            f"[tool.riskreg] fail_on: {value!r} is not one of low, medium, high, critical"
        ) from None


@dataclass(frozen=True)
class RunSettings:
    """Flags merged with RISKREG_* variables and [tool.riskreg], resolved once per command."""

    risks: Path
    policies: Path
    opa_binary: Path | None
    timeout: float
    limits: Limits
    now: dt.datetime
    fail_on: Severity
    params: Path | None = None

    @classmethod
    def resolve(
        cls,
        risks: Path | None,
        policies: Path | None,
        opa_binary: Path | None,
        timeout: float | None,
        now: str | None,
    ) -> RunSettings:
        config = load_project_config()
        binary = opa_binary if opa_binary is not None else config.get("opa_binary")
        return cls(
            risks=config.path_setting("risks", risks),
            policies=config.path_setting("policies", policies),
            opa_binary=Path(binary) if binary else None,
            timeout=float(config.get("timeout", timeout)),
            limits=Limits(
                max_file_size=int(config.get("max_file_size")),
                max_nodes=int(config.get("max_yaml_nodes")),
                follow_symlinks=bool(config.get("follow_symlinks")),
            ),
            now=_parse_now(now),
            fail_on=_severity(config.get("fail_on")),
            params=config.path_setting("params") if config.get("params") else None,
        )

    @property
    def now_ns(self) -> int:
        return int(self.now.timestamp()) * 1_000_000_000

    def load_register(self) -> Register:
        from riskreg.register.store import load_register

        return load_register(self.risks)

    def tool_info(self, opa_version: str | None) -> ToolInfo:
        from riskreg.models.finding import ToolInfo

        return ToolInfo(version=__version__, opa_version=opa_version)


def risks_by_mitigation(register: Register) -> dict[str, list[str]]:
    return {mid: register.risk_ids_for_mitigation(mid) for mid in register.mitigation_ids()}


def register_data(register: Register) -> dict[str, Any]:
    """The register as OPA data, so controls and bundle users can name the risks they guard."""
    return {
        "riskreg_register": {
            "version": register.version,
            "risks": {
                risk.id: {"title": risk.title, "mitigations": [m.id for m in risk.mitigations]}
                for risk in register.risks
            },
        }
    }


def policy_data(settings: RunSettings, register: Register) -> dict[str, Any]:
    """What OPA holds besides the policies: the register and the controls' parameters."""
    from riskreg.policy.params import PARAMS_ROOT, load_params

    params = load_params(settings.policies, settings.params, settings.limits)
    return {**register_data(register), PARAMS_ROOT: params}


@dataclass(frozen=True)
class EngineOptions:
    """How to reach OPA: riskreg's own server (no urls) or existing servers, and the batch size."""

    opa_url: list[str] = field(default_factory=list)
    token_file: Path | None = None
    ca_bundle: Path | None = None
    batch_size: int = 64
    jobs: int = 0


@contextmanager
def open_engine(
    settings: RunSettings, register: Register, options: EngineOptions
) -> Iterator[tuple[Engine, Catalog]]:
    """The catalogue and a running engine: riskreg's own OPA server, or the servers at --opa-url."""
    from riskreg.policy.catalog import load_catalog
    from riskreg.policy.engines.binary import locate_opa
    from riskreg.policy.engines.opa_server import OpaServerEngine
    from riskreg.policy.engines.remote import RemoteOpaEngine, read_token
    from riskreg.policy.tools import require_no_dangling

    binary = locate_opa(settings.opa_binary)
    engine: Engine
    if options.opa_url:
        token = read_token(options.token_file)
        engine = RemoteOpaEngine(options.opa_url, token, settings.timeout, options.ca_bundle)
    else:
        # Not waiting for the server here lets it start while `opa inspect` reads the catalogue.
        data = policy_data(settings, register)
        engine = OpaServerEngine(binary, settings.policies, data, settings.timeout, wait=False)
    with engine:
        catalog = load_catalog(binary, settings.policies)
        # A control that claims a mitigation the register lacks breaks every coverage claim.
        require_no_dangling(catalog, register.mitigation_ids())
        yield engine, catalog


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_inputs(kind: str, paths: Iterable[Path]) -> list[InputFile]:
    from riskreg.models.finding import InputFile

    return [InputFile(kind=kind, path=str(p), sha256=sha256_of(p)) for p in sorted(paths)]


def provenance(settings: RunSettings, manifests: dict[str, str]) -> list[InputFile]:
    """Every file the report rests on: manifests, policy files and register files."""
    from riskreg.models.finding import InputFile
    from riskreg.register.store import register_paths

    inputs = [InputFile(kind="manifest", path=p, sha256=h) for p, h in sorted(manifests.items())]
    policies = [p for p in settings.policies.rglob("*") if p.is_file() and p.suffix == ".rego"]
    policies += [
        p for p in (settings.policies / "params.yaml", settings.params) if p and p.is_file()
    ]
    inputs += file_inputs("policy", policies)
    inputs += file_inputs("register", register_paths(settings.risks))
    return inputs


class _Progress:
    """A single updating line on a terminal's stderr; silent in CI logs."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, step: int) -> None:
        self.count += step
        sys.stderr.write(f"\rchecked {self.count} targets")
        sys.stderr.flush()

    def done(self) -> None:
        if self.count:
            sys.stderr.write("\r\033[K")


def run_evaluation(
    settings: RunSettings,
    targets: Iterable[Target],
    fail_on: Severity,
    options: EngineOptions,
    workflow: WorkflowOptions | None = None,
) -> Report:
    """Load the register and controls, evaluate every target, and build the one Report.

    `check`, `report` and `coverage` all call this, so they see the same verdicts, waivers,
    baseline and history (`workflow`; default: [tool.riskreg] and `<risks>/waivers.yaml`).
    """
    from riskreg.cli import workflow_run
    from riskreg.policy.evaluate import EvaluationContext, evaluate
    from riskreg.policy.report import build_report

    workflow = workflow or workflow_run.WorkflowOptions.resolve("check")
    register = settings.load_register()
    waivers = workflow_run.load_waiver_list(settings, workflow)
    with open_engine(settings, register, options) as (engine, catalog):
        context = EvaluationContext(catalog, risks_by_mitigation(register), settings.now_ns)
        progress = _Progress() if sys.stderr.isatty() else None
        jobs = options.jobs or os.cpu_count() or 1
        findings, seen = evaluate(engine, targets, context, options.batch_size, progress, jobs)
        if progress:
            progress.done()
        tool = settings.tool_info(engine.version)
        findings, statuses, baseline = workflow_run.apply_workflow(
            settings, findings, waivers, workflow
        )
        report = build_report(
            findings, catalog, len(seen), fail_on, tool, settings.now,
            waivers=statuses, baseline=baseline,
        )  # fmt: skip
    manifests = {path: digest for target in seen for path, digest in target.files.items()}
    report = report.model_copy(update={"inputs": provenance(settings, manifests)})
    return workflow_run.finish_run(settings, report, seen, register, workflow)
