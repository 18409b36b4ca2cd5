"""Finding the opa binary and checking its version against the pinned minimum."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from riskreg.errors import ToolMissingError

PINNED_OPA_VERSION = "1.22.2"
MINIMUM_OPA_VERSION = (1, 4, 0)
INSTALL_HINT = "run `make install`, or point --opa-binary / RISKREG_OPA at opa >= 1.4.0"


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
    """Where to look for opa, most specific first."""
    if explicit is not None:
        return [explicit]
    here = Path.cwd() / ".tools" / "bin" / "opa"
    checkout = Path(__file__).resolve().parents[3] / ".tools" / "bin" / "opa"
    found = shutil.which("opa")
    paths = [here, checkout] + ([Path(found)] if found else [])
    return list(dict.fromkeys(paths))


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
    where = explicit if explicit is not None else "./.tools/bin/opa or PATH"
    raise ToolMissingError(f"opa not found at {where}", hint=INSTALL_HINT)
