"""What `riskreg init` writes: a starter configuration, an empty waivers file and a CI workflow, from the shipped templates, never over an existing file.

The templates are the repository's top-level `templates/` folder (in the wheel
`riskreg/_builtin/templates`). The configuration goes into an existing pyproject.toml as a
`[tool.riskreg]` table, else into its own `riskreg.toml`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from riskreg import __version__
from riskreg.errors import InvalidInputError
from riskreg.resources import builtin_folder

CONFIG_TEMPLATE: Final = "riskreg.toml"
WAIVERS_TEMPLATE: Final = "waivers.yaml"
WORKFLOW_TEMPLATE: Final = "github-workflow.yml"
WAIVERS_FILE: Final = Path("risks") / "waivers.yaml"
WORKFLOW_FILE: Final = Path(".github") / "workflows" / "riskreg.yml"
_REFUSED_HINT = "riskreg init never overwrites: move it away, or edit it by hand"


@dataclass(frozen=True)
class StarterFile:
    """One file `init` writes: its path, its full new text, and whether it exists already (a
    pyproject.toml that gets a [tool.riskreg] table added at its end)."""

    path: Path
    text: str
    appends: bool = False


def _template(name: str) -> str:
    folder = builtin_folder("templates")
    if folder is None or not (folder / name).is_file():
        raise InvalidInputError(
            f"the starter template {name} is missing from this install", hint="reinstall riskreg"
        )
    return (folder / name).read_text(encoding="utf-8")


def _refuse(path: Path, what: str = "exists") -> InvalidInputError:
    return InvalidInputError(f"{path}: {what}; nothing was written", hint=_REFUSED_HINT)


def _read_toml(path: Path) -> tuple[str, dict[str, object]]:
    text = path.read_text(encoding="utf-8")
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(f"{path}: not valid TOML: {exc}") from None


def as_pyproject_table(config: str) -> str:
    """The riskreg.toml template as a [tool.riskreg] table: a header, and the commented
    sub-tables (`# [enforcement]`) renamed to `# [tool.riskreg.enforcement]`."""
    body = re.sub(r"^# \[(\w+)\]$", r"# [tool.riskreg.\1]", config, flags=re.MULTILINE)
    return f"[tool.riskreg]\n{body}"


def _config(folder: Path) -> StarterFile:
    """riskreg.toml, or pyproject.toml with [tool.riskreg] added when the project has one."""
    dedicated, pyproject = folder / "riskreg.toml", folder / "pyproject.toml"
    if dedicated.exists():
        raise _refuse(dedicated)
    if not pyproject.is_file():
        return StarterFile(dedicated, _template(CONFIG_TEMPLATE))
    text, parsed = _read_toml(pyproject)
    tool = parsed.get("tool")
    if isinstance(tool, dict) and "riskreg" in tool:
        raise _refuse(pyproject, "already has a [tool.riskreg] table")
    separator = "" if not text or text.endswith("\n\n") else "\n" if text.endswith("\n") else "\n\n"
    combined = f"{text}{separator}{as_pyproject_table(_template(CONFIG_TEMPLATE))}"
    tomllib.loads(combined)  # the template is valid TOML and adds one table; prove it
    return StarterFile(pyproject, combined, appends=True)


def plan(folder: Path) -> list[StarterFile]:
    """The files `init` writes in `folder`; any of them existing already is invalid input
    naming it, checked before anything is written."""
    if not folder.is_dir():
        raise InvalidInputError(f"{folder}: not a folder")
    workflow = _template(WORKFLOW_TEMPLATE).replace("{version}", __version__)
    files = [
        _config(folder),
        StarterFile(folder / WAIVERS_FILE, _template(WAIVERS_TEMPLATE)),
        StarterFile(folder / WORKFLOW_FILE, workflow),
    ]
    for starter in files:
        if not starter.appends and (starter.path.exists() or starter.path.is_symlink()):
            raise _refuse(starter.path)
    return files


def write(files: list[StarterFile]) -> None:
    """Create each new file exclusively (a file that appeared since `plan` is never
    overwritten) and replace pyproject.toml through a temp file and a rename."""
    for starter in files:
        starter.path.parent.mkdir(parents=True, exist_ok=True)
        if starter.appends:
            temp = starter.path.with_name(f".{starter.path.name}.riskreg-init.tmp")
            temp.write_text(starter.text, encoding="utf-8")
            temp.chmod(starter.path.stat().st_mode & 0o777)
            temp.replace(starter.path)
            continue
        try:
            with starter.path.open("x", encoding="utf-8") as handle:
                handle.write(starter.text)
        except FileExistsError:
            raise _refuse(starter.path) from None
