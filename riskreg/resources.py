"""Where riskreg's own files and tools are: the built-in pack, register and templates, and opa/helm/kustomize.

The built-ins are found next to the code: in a wheel at `riskreg/_builtin/<kind>` (pyproject.toml
maps the repository's top-level `policies/`, `risks/` and `templates/` there), in a source
checkout (an editable install) at the repository's top level itself, so nothing is duplicated.
Tools are never looked up relative to the working folder, which may be the repository being
checked: an explicit path (flag, RISKREG_* variable, [tool.riskreg]) wins, then the checkout's own
`.tools/bin`, then the absolute folders of PATH.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Final, Literal

BuiltinKind = Literal["policies", "risks", "templates"]
SHIPPED_FOLDER: Final = "_builtin"
# The public half of the key the wheel build signed the built-in pack with (.ci/hatch_sign_pack.py).
PACK_KEY: Final = "pack.pub.pem"


@dataclass(frozen=True)
class PinnedTool:
    """A tool riskreg runs, at the version `make install` builds, and how to get it elsewhere."""

    name: str
    version: str
    go_package: str
    releases: str

    def install_hint(self) -> str:
        return (
            f"install the pinned {self.name} {self.version}: "
            f"`go install {self.go_package}@{self.version}`, or download it from {self.releases}; "
            f"then set RISKREG_{self.name.upper()}=/path/to/{self.name} or put it on PATH "
            "(in a riskreg checkout: `make install`)"
        )


PINNED_TOOLS: Final = {
    tool.name: tool
    for tool in (
        PinnedTool(
            "opa",
            "v1.22.2",
            "github.com/open-policy-agent/opa",
            "https://github.com/open-policy-agent/opa/releases/tag/v1.22.2",
        ),
        PinnedTool(
            "helm",
            "v3.22.0",
            "helm.sh/helm/v3/cmd/helm",
            "https://github.com/helm/helm/releases/tag/v3.22.0",
        ),
        PinnedTool(
            "kustomize",
            "v5.8.2",
            "sigs.k8s.io/kustomize/kustomize/v5",
            "https://github.com/kubernetes-sigs/kustomize/releases/tag/kustomize%2Fv5.8.2",
        ),
    )
}


def _package_folder() -> Path | None:
    found = resources.files("riskreg")
    # Installed from a wheel or a checkout, riskreg is a plain folder (never a zip): opa, helm and
    # kustomize need real paths.
    return Path(str(found)) if isinstance(found, Path) else None


@cache
def checkout_root() -> Path | None:
    """The riskreg source checkout this package is imported from (an editable install), else None."""
    package = _package_folder()
    if package is None or (package / SHIPPED_FOLDER).is_dir():
        return None
    root = package.parent
    try:
        with (root / "pyproject.toml").open("rb") as handle:
            name = tomllib.load(handle).get("project", {}).get("name")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return root if name == "riskreg" else None


def builtin_folder(kind: BuiltinKind) -> Path | None:
    """The built-in `policies`, `risks` or `templates` folder, or None when this install lacks it."""
    package = _package_folder()
    if package is not None and (package / SHIPPED_FOLDER / kind).is_dir():
        return package / SHIPPED_FOLDER / kind
    root = checkout_root()
    return root / kind if root is not None and (root / kind).is_dir() else None


def builtin_pack_key() -> Path | None:
    """Where the wheel build put the public key of the built-in pack's signature (which must be
    there), or None in a source checkout, whose built-in pack carries no signature."""
    package = _package_folder()
    if package is None or not (package / SHIPPED_FOLDER).is_dir():
        return None
    return package / SHIPPED_FOLDER / PACK_KEY


def checkout_tool(name: str) -> Path | None:
    """`.tools/bin/<name>` of the riskreg checkout (what `make install` builds), if there is one."""
    root = checkout_root()
    candidate = root / ".tools" / "bin" / name if root is not None else None
    return candidate if candidate is not None and candidate.is_file() else None


def on_path(name: str, path: str | None = None) -> Path | None:
    """`name` in the absolute folders of PATH; `.`, empty and relative entries are skipped, since
    they would search the working folder (the repository being checked)."""
    folders = (path if path is not None else os.environ.get("PATH", "")).split(os.pathsep)
    for folder in folders:
        if folder and Path(folder).is_absolute():
            found = shutil.which(name, path=folder)
            if found is not None:
                return Path(found)
    return None


def tool_candidates(name: str, explicit: Path | None = None) -> list[Path]:
    """Where to look for a tool, in order: the explicit path alone, else the checkout's
    `.tools/bin`, then PATH; never the working folder."""
    if explicit is not None:
        return [explicit]
    found = [checkout_tool(name), on_path(name)]
    return list(dict.fromkeys(path for path in found if path is not None))


def lookup_text(name: str) -> str:
    """How a tool was looked for, for an error message."""
    root = checkout_root()
    where = f"{root / '.tools' / 'bin' / name}, " if root is not None else ""
    return f"{where}PATH (absolute folders only)"
