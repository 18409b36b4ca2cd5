"""Turning command-line paths into targets: a file is a target, so is each folder holding manifests."""

from __future__ import annotations

import glob
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from riskreg.errors import InvalidInputError, UsageError
from riskreg.manifests.loader import MANIFEST_SUFFIXES, Document, Target, load_file, load_text
from riskreg.manifests.render import RenderOptions, render_folder, renderer_for
from riskreg.manifests.validate import validate_documents
from riskreg.yamlsafe.limits import Limits

STDIN = "-"


def _is_manifest(path: Path) -> bool:
    return path.suffix.lower() in MANIFEST_SUFFIXES and not path.name.startswith(".")


def _display(path: Path) -> str:
    """A stable, readable name: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(
    root: Path,
    limits: Limits,
    seen: set[Path],
    top: Path | None = None,
    skip: frozenset[Path] = frozenset(),
) -> Iterator[tuple[Path, list[Path]]]:
    """Yield (folder, its manifest files) for every folder under root, sorted, symlinks checked.

    `top` is the folder named on the command line: links may point anywhere inside it. `skip`
    holds riskreg's own inputs (resolved), passed over: the register, controls, waivers.
    """
    top = top or root
    real = root.resolve()
    if real in seen:
        raise InvalidInputError(f"{_display(root)}: symlink loop (this folder was already scanned)")
    seen.add(real)
    if renderer_for(root) is not None:
        yield root, []  # rendered as a whole: its templates/ and bases are not plain manifests
        return
    try:
        entries = sorted(root.iterdir(), key=lambda entry: entry.name)
    except OSError as exc:
        raise InvalidInputError(f"{_display(root)}: cannot list folder: {exc.strerror}") from None
    entries = [entry for entry in entries if entry.resolve() not in skip]
    files = [entry for entry in entries if entry.is_file() and _is_manifest(entry)]
    files = [entry for entry in files if _allowed_link(entry, top, limits)]
    if files:
        yield root, files
    for entry in entries:
        if entry.is_dir() and not entry.name.startswith(".") and _allowed_link(entry, top, limits):
            yield from _walk(entry, limits, seen, top, skip)


def _allowed_link(entry: Path, root: Path, limits: Limits) -> bool:
    """Symlinks are followed only when asked, or when they stay inside the scanned folder."""
    if not entry.is_symlink():
        return True
    if limits.follow_symlinks:
        return True
    return entry.resolve().is_relative_to(root.resolve())


def _expand(argument: str) -> list[Path]:
    if argument == STDIN or Path(argument).exists() or Path(argument).is_symlink():
        return [Path(argument)]
    matches = sorted(glob.glob(argument, recursive=True))  # noqa: PTH207 - user globs, incl. **
    if not matches:
        raise UsageError(f"{argument}: no such file or folder, and no file matches it as a glob")
    return [Path(match) for match in matches]


def _file_target(path: Path, limits: Limits) -> Target:
    where = _display(path)
    documents = load_file(path, where, limits)
    return Target(name=where, documents=validate_documents(documents), files={where: _sha256(path)})


def _folder_target(
    folder: Path, files: list[Path], limits: Limits, render: RenderOptions | None = None
) -> Target:
    if renderer_for(folder) is not None:
        return render_folder(folder, _display(folder), limits, render or RenderOptions())
    documents: list[Document] = []
    for file in files:
        documents.extend(load_file(file, _display(file), limits))
    return Target(
        name=_display(folder),
        documents=validate_documents(documents),
        files={_display(file): _sha256(file) for file in files},
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def discover(
    arguments: list[str],
    limits: Limits,
    render: RenderOptions | None = None,
    skip: frozenset[Path] = frozenset(),
) -> Iterator[Target]:
    """Targets for the given paths, folders recursively, in a stable order; loaded lazily.
    Chart and kustomization folders are rendered (`render`: default from [tool.riskreg]);
    files and folders in `skip` (resolved paths) are passed over inside a folder."""
    seen: set[Path] = set()
    for argument in arguments:
        for path in _expand(argument):
            if str(path) == STDIN:
                text = sys.stdin.read()
                yield Target(
                    name="<stdin>", documents=validate_documents(load_text(text, "<stdin>", limits))
                )
            elif path.is_symlink() and not path.exists():
                raise InvalidInputError(f"{_display(path)}: broken symlink or symlink loop")
            elif path.is_dir():
                found = False
                for folder, files in _walk(path, limits, seen, skip=skip):
                    found = True
                    yield _folder_target(folder, files, limits, render)
                if not found:
                    raise InvalidInputError(
                        f"{_display(path)}: no .yaml, .yml or .json manifests in this folder"
                    )
            else:
                yield _file_target(path, limits)
