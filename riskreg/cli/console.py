"""Writing to the terminal and to files: stdout carries only results, stderr everything else."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")


def out(text: str) -> None:
    """Write a result to stdout (ending it with a newline if it has none)."""
    sys.stdout.write(text if text.endswith("\n") or not text else text + "\n")
    sys.stdout.flush()


def err(text: str) -> None:
    """Write a status line, warning or error to stderr."""
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def err_lines(lines: Iterable[str]) -> None:
    """Write each status line or warning a run returned to stderr."""
    for line in lines:
        err(line)


class _ProgressLine:
    """A single updating line on a terminal's stderr, counting the targets evaluated."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, step: int) -> None:
        self.count += step
        sys.stderr.write(f"\rchecked {self.count} targets")
        sys.stderr.flush()

    def done(self) -> None:
        if self.count:
            sys.stderr.write("\r\033[K")


def with_progress(run: Callable[[Callable[[int], None] | None], Result]) -> Result:
    """Call `run` with a progress callback on a terminal (none in CI logs); the line is
    cleared once the run has succeeded."""
    progress = _ProgressLine() if sys.stderr.isatty() else None
    result = run(progress)
    if progress is not None:
        progress.done()
    return result


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temp file and rename: readers see the old file or the new."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp creates 0600; a report should get the mode any new file would (umask applies).
        os.fchmod(handle, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temp_name).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(temp_name).unlink()
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def emit(text: str, output: Path | None) -> None:
    """Send a finished report to `output` atomically, or to stdout when no file is given."""
    if output is None or str(output) == "-":
        out(text)
    else:
        write_atomic(output, text if text.endswith("\n") else text + "\n")
