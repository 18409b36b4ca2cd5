"""Settings, resolved once and in one place: flag > RISKREG_* variable > [tool.riskreg] > default.

A RISKREG_* variable stands for its flag, so it applies to the commands that have that flag; a
command without the flag (`report` has no `--baseline`) reads the setting from [tool.riskreg] or
the default. Typer also reads each option's variable (so `--help` lists it and a bad value is a
usage error); the result is the same either way, and callers other than the CLI get it here.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Final, Literal, TypeVar

from riskreg import envvars
from riskreg.errors import InvalidInputError, UsageError
from riskreg.models.enforcement import ENFORCEMENT_ACTIONS
from riskreg.models.gate import Gate
from riskreg.models.severity import Severity
from riskreg.yamlsafe.limits import Limits

DEFAULTS: dict[str, Any] = {
    "risks": "risks",
    "policies": "policies",
    "opa_binary": None,
    "fail_on": "low",
    "timeout": 30.0,
    "jobs": 0,
    "max_file_size": 8 * 1024 * 1024,
    "max_yaml_nodes": 250_000,
    "follow_symlinks": False,
    "waivers": None,
    "baseline": None,
    "history": ".riskreg/history.sqlite",
    "record": False,
    "waiver_warn_days": 14,
    "params": None,
    "context": [],  # folders of cluster/namespace-wide objects added to every target's view
    "require_verified": False,  # fail the gate when a mitigation is only attested
    "enforcement": {},  # {control id or glob: deny | warn | off}
    "opa_memory": "2GiB",  # heap bound of riskreg's opa server (RLIMIT_DATA)
    "render_memory": "1GiB",  # heap bound of each helm template / kustomize build
    "helm_values": None,  # {chart folder or "*": [values files]}; see riskreg.manifests.render
    "render_timeout": 60.0,  # seconds one helm template / kustomize build may take
    "gate": ["controls"],  # what fails `check`: controls (findings at --fail-on), residual risk
    "builtins": True,  # the built-in controls and register, which the project's own add to
    "verification_key": None,  # PEM public key a --policies bundle's signature must verify against
    "require_signed": False,  # refuse controls, params and register links outside a signed pack
    "warm": False,  # `check` evaluates through a running `riskreg serve` when it loaded the same
    "idle_timeout": 900.0,  # seconds without a query after which `riskreg serve` stops
}


class _Absent(Enum):
    """Marks a setting the command has no flag for (so its RISKREG_* variable does not apply)."""

    ABSENT = "absent"


ABSENT: Final = _Absent.ABSENT
Absent = Literal[_Absent.ABSENT]
T = TypeVar("T")


@dataclass(frozen=True)
class Flags:
    """What a command's options gave: a value, None (the command has the flag; not given), or
    ABSENT (the command has no such flag)."""

    risks: Path | Absent | None = ABSENT
    policies: Path | Absent | None = ABSENT
    opa_binary: Path | Absent | None = ABSENT
    fail_on: Severity | Absent | None = ABSENT
    timeout: float | Absent | None = ABSENT
    jobs: int | Absent | None = ABSENT
    waivers: Path | Absent | None = ABSENT
    baseline: Path | Absent | None = ABSENT
    record: bool | Absent | None = ABSENT
    history: Path | Absent | None = ABSENT
    now: str | Absent | None = ABSENT
    opa_urls: tuple[str, ...] | Absent | None = ABSENT
    opa_token_file: Path | None = None
    opa_ca_bundle: Path | None = None
    batch_size: int = 64
    values: tuple[str, ...] = ()  # --values [CHART=]FILE
    context: tuple[str, ...] | Absent | None = ABSENT
    require_verified: bool | Absent | None = ABSENT
    builtins: bool | Absent | None = ABSENT
    opa_memory: str | Absent | None = ABSENT
    gates: tuple[Gate, ...] | Absent | None = ABSENT  # --gate
    user: str | Absent | None = ABSENT  # --by: who imports a spreadsheet
    verification_key: Path | Absent | None = ABSENT
    require_signed: bool | Absent | None = ABSENT
    allow_unsigned: bool = False  # a flag only: the explicit, recorded escape hatch
    warm: bool | Absent | None = ABSENT
    idle_timeout: float | Absent | None = ABSENT


@dataclass(frozen=True)
class Settings:
    """Everything a run needs, resolved once per command; `riskreg.run` takes only this."""

    risks: Path
    policies: Path
    opa_binary: Path | None  # None: the checkout's .tools/bin/opa, then PATH
    fail_on: Severity
    timeout: float
    jobs: int  # 0: one per core
    limits: Limits
    waivers: Path | None  # None: <risks>/waivers.yaml when it exists
    waiver_warn_days: int
    baseline: Path | None
    record: bool
    history: Path
    now: dt.datetime
    opa_urls: tuple[str, ...] = ()  # empty: riskreg starts its own OPA server
    opa_token_file: Path | None = None
    opa_ca_bundle: Path | None = None
    batch_size: int = 64
    params: Path | None = None  # a team's override of policies/params.yaml
    # Helm values: --values specs (relative to the working folder), else [tool.riskreg]
    # helm_values (a table of chart folder or "*" -> files, relative to config_file).
    values: tuple[str, ...] = ()
    helm_values: dict[str, Any] | None = None
    render_timeout: float = 60.0
    config_file: Path | None = None
    # Context folders (looked up, never judged), the require-verified gate, enforcement actions.
    context: tuple[str, ...] = ()
    require_verified: bool = False
    enforcement: Mapping[str, str] = field(default_factory=dict)
    # The built-in controls and register (riskreg.resources), which `policies` and `risks` add
    # to; `policies_configured`: the policies folder was named (flag, variable or config), so it
    # must exist, where the default ./policies is used only when it is there.
    builtins: bool = True
    policies_configured: bool = False
    # Memory bounds (bytes) of the child processes that run others' code; None: unbounded.
    opa_memory: int | None = 2 * 1024**3
    render_memory: int | None = 1024**3
    gates: tuple[Gate, ...] = (Gate.CONTROLS,)
    user: str | None = None  # None: riskreg.run.register.who() asks git, then the login name
    # Signed control packs (riskreg.run.trust): the key a bundle must verify against, whether
    # unsigned additions are refused, and the escape hatch.
    verification_key: Path | None = None
    require_signed: bool = False
    allow_unsigned: bool = False
    # `riskreg serve` (riskreg.run.serve): whether `check` may use it, and when it stops.
    warm: bool = False
    idle_timeout: float = 900.0

    @property
    def now_ns(self) -> int:
        return int(self.now.timestamp()) * 1_000_000_000


@dataclass(frozen=True)
class ProjectConfig:
    """The `[tool.riskreg]` table of the nearest pyproject.toml (or riskreg.toml), and where it was."""

    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def value(self, key: str) -> Any:
        """The configured value of `key`, else its default."""
        return self.values[key] if key in self.values else DEFAULTS.get(key)

    def path_value(self, key: str) -> Path | None:
        """A path setting; a relative path in the file is relative to the file's folder."""
        if self.values.get(key) is not None and self.path is not None:
            return self.path.parent / str(self.values[key])
        default = DEFAULTS.get(key)
        return Path(str(default)) if default is not None else None

    def path_or_default(self, key: str) -> Path:
        """A path setting that has a default, so it is never unset."""
        return self.path_value(key) or Path(str(DEFAULTS[key]))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInputError(f"{path}: not valid TOML: {exc}") from None


def load_project_config(start: Path | None = None) -> ProjectConfig:
    """Find `riskreg.toml` or a pyproject.toml with `[tool.riskreg]` in `start` or a parent folder."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        dedicated = folder / "riskreg.toml"
        if dedicated.is_file():
            return _checked(ProjectConfig(values=_read_toml(dedicated), path=dedicated))
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("riskreg")
            if table is not None:
                return _checked(ProjectConfig(values=dict(table), path=pyproject))
    return ProjectConfig()


def _checked(config: ProjectConfig) -> ProjectConfig:
    unknown = sorted(set(config.values) - set(DEFAULTS))
    if unknown:
        raise InvalidInputError(
            f"{config.path}: [tool.riskreg]: unknown setting {unknown[0]!r}",
            hint=f"known settings: {', '.join(sorted(DEFAULTS))}",
        )
    return config


def resolve_settings(
    flags: Flags | None = None, *, env: Mapping[str, str] | None = None, start: Path | None = None
) -> Settings:
    """Every setting, each from its flag, else its RISKREG_* variable, else [tool.riskreg], else
    its default; `env` defaults to the process environment, `start` to the working folder."""
    flags = flags or Flags()
    given = _Given(os.environ if env is None else env)
    config = load_project_config(start)
    configured_severity = _configured_severity(config)  # checked even when a flag overrides it
    policies = given(flags.policies, "policies", envvars.path_value)
    settings = Settings(
        risks=given(flags.risks, "risks", envvars.path_value) or config.path_or_default("risks"),
        policies=policies or config.path_or_default("policies"),
        opa_binary=given(flags.opa_binary, "opa_binary", envvars.path_value)
        or _configured_binary(config),
        fail_on=given(flags.fail_on, "fail_on", envvars.severity_value) or configured_severity,
        timeout=_first(
            given(flags.timeout, "timeout", envvars.float_value),
            lambda: float(config.value("timeout")),
        ),
        # jobs: a flag or its variable only, as the README says; [tool.riskreg] does not set it.
        jobs=_first(given(flags.jobs, "jobs", envvars.count_value), lambda: int(DEFAULTS["jobs"])),
        limits=Limits(
            max_file_size=int(config.value("max_file_size")),
            max_nodes=int(config.value("max_yaml_nodes")),
            follow_symlinks=bool(config.value("follow_symlinks")),
        ),
        waivers=given(flags.waivers, "waivers", envvars.path_value) or config.path_value("waivers"),
        waiver_warn_days=int(config.value("waiver_warn_days")),
        baseline=given(flags.baseline, "baseline", envvars.path_value)
        or config.path_value("baseline"),
        record=_first(
            given(flags.record, "record", envvars.bool_value), lambda: bool(config.value("record"))
        ),
        history=given(flags.history, "history", envvars.path_value)
        or config.path_or_default("history"),
        now=envvars.parse_now(given(flags.now, "now", envvars.text_value)),
        opa_urls=given(flags.opa_urls, "opa_urls", envvars.words_value) or (),
        opa_token_file=flags.opa_token_file,
        opa_ca_bundle=flags.opa_ca_bundle,
        batch_size=flags.batch_size,
        params=config.path_value("params"),
        values=flags.values,
        helm_values=config.value("helm_values"),
        render_timeout=float(config.value("render_timeout")),
        config_file=config.path,
        context=given(flags.context, "context", envvars.words_value) or _configured_context(config),
        require_verified=_first(
            given(flags.require_verified, "require_verified", envvars.bool_value),
            lambda: bool(config.value("require_verified")),
        ),
        enforcement=_configured_enforcement(config),
        builtins=_first(
            given(flags.builtins, "builtins", envvars.bool_value),
            lambda: _configured_bool(config, "builtins"),
        ),
        policies_configured=policies is not None or config.values.get("policies") is not None,
        opa_memory=_size(
            given(flags.opa_memory, "opa_memory", envvars.text_value) or config.value("opa_memory"),
            "opa_memory",
        ),
        render_memory=_size(config.value("render_memory"), "render_memory"),
        gates=given(flags.gates, "gates", envvars.gates_value) or _configured_gates(config),
        user=given(flags.user, "user", envvars.text_value),
        verification_key=given(flags.verification_key, "verification_key", envvars.path_value)
        or config.path_value("verification_key"),
        require_signed=_first(
            given(flags.require_signed, "require_signed", envvars.bool_value),
            lambda: bool(config.value("require_signed")),
        ),
        allow_unsigned=flags.allow_unsigned,
        warm=_first(
            given(flags.warm, "warm", envvars.bool_value), lambda: _configured_bool(config, "warm")
        ),
        idle_timeout=_first(
            given(flags.idle_timeout, "idle_timeout", envvars.float_value),
            lambda: float(config.value("idle_timeout")),
        ),
    )
    return _checked_settings(settings)


def _checked_settings(settings: Settings) -> Settings:
    """Combinations no single setting can reject on its own."""
    if settings.warm and settings.opa_urls:
        raise UsageError(
            "--warm and --opa-url both name the server to evaluate through; give one "
            "(warm may come from RISKREG_WARM or [tool.riskreg] warm)"
        )
    if settings.idle_timeout <= 0:
        raise UsageError(f"idle timeout {settings.idle_timeout:g}: expected seconds > 0")
    return settings


@dataclass(frozen=True)
class _Given:
    """Reads a flag, falling back to its RISKREG_* variable when the command has that flag."""

    env: Mapping[str, str]

    def __call__(
        self, flag: T | Absent | None, key: str, parse: Callable[[str, str], T]
    ) -> T | None:
        if flag is ABSENT:
            return None
        if flag is not None:
            return flag
        raw = self.env.get(envvars.ENVIRONMENT[key])
        # An empty variable counts as unset, as Typer (click) reads it.
        return parse(envvars.ENVIRONMENT[key], raw) if raw else None


def _first(value: T | None, fallback: Callable[[], T]) -> T:
    return value if value is not None else fallback()


def _configured_binary(config: ProjectConfig) -> Path | None:
    # As on the command line, a configured opa_binary is a name or a path from the working folder.
    value = config.value("opa_binary")
    return Path(str(value)) if value else None


def _configured_bool(config: ProjectConfig, key: str) -> bool:
    value = config.value(key)
    if not isinstance(value, bool):
        raise InvalidInputError(f"{config.path}: [tool.riskreg] {key}: expected true or false")
    return value


def _configured_severity(config: ProjectConfig) -> Severity:
    value = config.value("fail_on")
    try:
        return Severity(str(value))
    except ValueError:
        raise InvalidInputError(
            f"[tool.riskreg] fail_on: {value!r} is not one of low, medium, high, critical"
        ) from None


def _configured_context(config: ProjectConfig) -> tuple[str, ...]:
    """[tool.riskreg] context: a list of paths relative to the config file's folder."""
    value = config.value("context") or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInputError(f"{config.path}: [tool.riskreg] context: expected a list of paths")
    base = config.path.parent if config.path else Path()
    return tuple(str(base / item) for item in value)


def _configured_enforcement(config: ProjectConfig) -> dict[str, str]:
    """[tool.riskreg.enforcement]: control id or glob -> deny | warn | off."""
    value = config.value("enforcement") or {}
    if not isinstance(value, dict):
        raise InvalidInputError(f"{config.path}: [tool.riskreg] enforcement: expected a table")
    for pattern, action in value.items():
        if action not in ENFORCEMENT_ACTIONS:
            raise InvalidInputError(
                f"{config.path}: [tool.riskreg.enforcement] {pattern}: {action!r} is not one of "
                f"{', '.join(ENFORCEMENT_ACTIONS)}"
            )
    return {str(pattern): str(action) for pattern, action in value.items()}


def _size(value: object, key: str) -> int | None:
    """A memory bound: a size such as 2GiB, or "none"/0 for unbounded (not recommended)."""
    from riskreg.bounds.child import parse_size

    if value in (None, 0, "0", "none", "unbounded"):
        return None
    try:
        return parse_size(value if isinstance(value, int) else str(value))
    except ValueError as exc:
        raise InvalidInputError(f"{key}: {exc}") from None


def _configured_gates(config: ProjectConfig) -> tuple[Gate, ...]:
    value = config.value("gate")
    names = [value] if isinstance(value, str) else value
    try:
        gates = tuple(dict.fromkeys(Gate(str(name)) for name in names))
    except (TypeError, ValueError):
        raise InvalidInputError(
            f"[tool.riskreg] gate: {value!r} is not a list of {', '.join(g.value for g in Gate)}"
        ) from None
    if not gates:
        raise InvalidInputError("[tool.riskreg] gate: name at least one gate")
    return gates
