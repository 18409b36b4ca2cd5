"""Settings resolved in one order: command-line flag > RISKREG_* environment > [tool.riskreg] > default."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError

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
}


@dataclass(frozen=True)
class ProjectConfig:
    """The `[tool.riskreg]` table of the nearest pyproject.toml (or riskreg.toml), and where it was."""

    values: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def get(self, key: str, flag: Any = None) -> Any:
        """The value of `key`: the flag (already merged with its env var by Typer) wins, then config."""
        if flag is not None:
            return flag
        if key in self.values:
            return self.values[key]
        return DEFAULTS.get(key)

    def path_setting(self, key: str, flag: Path | None = None) -> Path:
        """A path setting; relative config paths are read relative to the config file's folder."""
        if flag is not None:
            return flag
        if key in self.values and self.path is not None:
            return self.path.parent / str(self.values[key])
        return Path(str(DEFAULTS[key]))


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
