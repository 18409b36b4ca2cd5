"""Memory bounds for child processes, and telling from a child's exit that it hit one.

A Go program (opa, helm, kustomize) is bounded with RLIMIT_DATA: it then stops with "fatal
error: runtime: cannot allocate memory" when its heap reaches the limit. RLIMIT_AS is not used:
Go reserves far more address space than it touches and fails at a fraction of the limit (opa
v1.22.2 died at 62 MB in use under a 1 GiB RLIMIT_AS here). GOMEMLIMIT alone is not a limit (the
garbage collector treats it as a target); it is set a little under the hard limit so that
collection works harder before the limit is reached.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

MIB = 1024 * 1024
_UNITS = {"": 1, "b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": MIB, "mb": 1000**2,
          "mib": MIB, "g": 1024**3, "gb": 1000**3, "gib": 1024**3}  # fmt: skip
# What the Go runtime prints when an allocation fails under RLIMIT_DATA (or the kernel refuses):
# a failed heap growth, or, since thread stacks count against the data limit, a failed thread.
_OUT_OF_MEMORY = re.compile(
    r"cannot allocate memory|out of memory|pthread_create failed", re.IGNORECASE
)


def parse_size(text: str | int) -> int:
    """`2GiB`, `512MiB`, `1500000000`: a number of bytes (> 0)."""
    if isinstance(text, int):
        value = text
    else:
        match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]*)\s*", text)
        if not match or match.group(2).lower() not in _UNITS:
            raise ValueError(f"{text!r}: expected a size such as 2GiB, 512MiB or a byte count")
        value = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if value <= 0:
        raise ValueError(f"{text!r}: a memory bound must be positive")
    return value


def show_size(size: int) -> str:
    """Bytes as the largest whole binary unit, e.g. 2147483648 -> 2GiB."""
    for unit, factor in (("GiB", 1024**3), ("MiB", MIB)):
        if size % factor == 0:
            return f"{size // factor}{unit}"
    return f"{size}B"


def supported() -> bool:
    """True where riskreg can bound a child's memory (Linux: RLIMIT_DATA caps the heap)."""
    import resource

    return sys.platform.startswith("linux") and hasattr(resource, "RLIMIT_DATA")


@dataclass(frozen=True)
class MemoryBound:
    """The most memory (bytes of data segment) a child may use; None: unbounded."""

    limit: int | None
    setting: str  # the option a user raises it with, for the error line

    def environment(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The child's environment: `base` (default: ours) with GOMEMLIMIT at 90 % of the limit."""
        env = dict(os.environ if base is None else base)
        if self.limit is not None:
            env["GOMEMLIMIT"] = str(self.limit * 9 // 10)
        return env

    def preexec(self, then: Callable[[], None] | None = None) -> Callable[[], None]:
        """A function to run in the child before exec: set RLIMIT_DATA, then `then`."""
        limit = self.limit

        def setup() -> None:
            if limit is not None and supported():
                import resource

                resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
            if then is not None:
                then()

        return setup

    def exceeded(self, returncode: int | None, output: str) -> bool:
        """Whether a child that exited with `returncode` and printed `output` hit this bound."""
        return (
            self.limit is not None
            and returncode is not None
            and returncode != 0
            and bool(_OUT_OF_MEMORY.search(output))
        )

    def message(self, what: str) -> str:
        """One line naming the bound and the option that raises it."""
        shown = show_size(self.limit) if self.limit is not None else "unbounded"
        return f"{what} reached its memory bound ({self.setting} = {shown}); raise {self.setting} if the input is legitimately that large"
