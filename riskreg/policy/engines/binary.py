"""Finding the opa binary and checking its version against the pinned minimum."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from riskreg.errors import ToolMissingError
from riskreg.resources import PINNED_TOOLS, lookup_text, tool_candidates

PINNED_OPA_VERSION = PINNED_TOOLS["opa"].version.removeprefix("v")
MINIMUM_OPA_VERSION = (1, 4, 0)
INSTALL_HINT = PINNED_TOOLS["opa"].install_hint() + "; or point --opa-binary at opa >= 1.4.0"


@dataclass(frozen=True)
class OpaBinary:
    """A located opa binary and the version it reported."""

    path: Path
    version: str

    @property
    def version_tuple(self) -> tuple[int, ...]:
        return parse_version(self.version)


def parse_version(text: str) -> tuple[int, ...]:
    """`1.22.2` (or `v1.22.2-dev`) to `(1, 22, 2)`; `()` when there is no version number."""
    match = re.search(r"(\d+)\.(\d+)\.(\d+)", text)
    return tuple(int(part) for part in match.groups()) if match else ()


def candidate_paths(explicit: Path | None) -> list[Path]:
    """Where to look for opa: the explicit path alone, else the riskreg checkout's .tools/bin, then
    PATH; never the working folder, which may be the repository being checked."""
    return tool_candidates("opa", explicit)


def read_version(path: Path) -> str:
    """Ask an opa binary for its version; raises ToolMissingError if it cannot answer."""
    try:
        completed = subprocess.run(
            [str(path), "version"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolMissingError(
            f"opa at {path} could not be run: {exc}", hint=INSTALL_HINT
        ) from None
    match = re.search(r"^Version:\s*(\S+)", completed.stdout, re.MULTILINE)
    if completed.returncode != 0 or not match:
        raise ToolMissingError(f"{path} did not report an opa version", hint=INSTALL_HINT)
    return match.group(1)


def locate_opa(explicit: Path | None = None) -> OpaBinary:
    """The opa binary to use, checked to be at least the minimum version riskreg supports."""
    for path in candidate_paths(explicit):
        if path.is_file():
            binary = OpaBinary(path=path, version=read_version(path))
            if binary.version_tuple < MINIMUM_OPA_VERSION:
                raise ToolMissingError(
                    f"opa at {path} is version {binary.version}, older than the minimum "
                    f"{'.'.join(map(str, MINIMUM_OPA_VERSION))}",
                    hint=INSTALL_HINT,
                )
            return binary
    where = explicit if explicit is not None else lookup_text("opa")
    raise ToolMissingError(f"opa not found at {where}", hint=INSTALL_HINT)
