"""Turning command-line paths into targets: a file is a target, so is each folder holding manifests
or MCP configurations; what is deliberately not read is counted by reason, never an error."""

from __future__ import annotations

import glob
import hashlib
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from riskreg.errors import InvalidInputError, UsageError
from riskreg.manifests.loader import Document, Target, load_text
from riskreg.manifests.read import candidate, read_file
from riskreg.manifests.render import RenderOptions, render_folder, renderer_for
from riskreg.manifests.validate import validate_documents
from riskreg.yamlsafe.limits import Limits

STDIN = "-"
# Never entered: version-control internals, installed third-party packages, caches and tool
# state. None of them is the repository's own configuration, and node_modules alone can hold
# thousands of package.json files.
SKIPPED_FOLDERS = frozenset(
    {
        ".git", ".hg", ".svn", ".bzr", ".jj", "node_modules", "__pycache__", ".venv", ".tox",
        ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".terraform", ".riskreg",
    }
)  # fmt: skip


def _display(path: Path) -> str:
    """A stable, readable name: relative to the working folder when inside it."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


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


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Discovery:
    """The targets of the command-line paths, read lazily in a stable order, and the files passed
    over (`passed_over`: reason -> count, complete once iteration has finished)."""

    def __init__(
        self,
        arguments: list[str],
        limits: Limits,
        render: RenderOptions | None = None,
        skip: frozenset[Path] = frozenset(),
    ) -> None:
        self.arguments = arguments
        self.limits = limits
        self.render = render or RenderOptions()
        self.skip = skip  # riskreg's own inputs (resolved): never read as targets in a folder
        self._skip_names = {path.name for path in skip}
        self.passed_over: Counter[str] = Counter()
        self._seen: set[Path] = set()

    def __iter__(self) -> Iterator[Target]:
        for argument in self.arguments:
            for path in _expand(argument):
                yield from self._targets(path)

    def _targets(self, path: Path) -> Iterator[Target]:
        if str(path) == STDIN:
            documents = load_text(sys.stdin.read(), "<stdin>", self.limits)
            yield Target(name="<stdin>", documents=validate_documents(documents))
        elif path.is_symlink() and not path.exists():
            raise InvalidInputError(f"{_display(path)}: broken symlink or symlink loop")
        elif path.is_dir():
            yield from self._folder_targets(path)
        else:
            where = _display(path)
            documents = read_file(path, where, self.limits, explicit=True).documents
            yield Target(where, validate_documents(documents), {where: _sha256(path)})

    def _folder_targets(self, path: Path) -> Iterator[Target]:
        before = sum(self.passed_over.values())
        found = False
        for folder, files, rendered in self._walk(path, path):
            target = self._folder_target(folder, files, rendered)
            if target is not None:
                found = True
                yield target
        if not found and sum(self.passed_over.values()) == before:
            raise InvalidInputError(
                f"{_display(path)}: no .yaml, .yml or .json manifests in this folder"
            )

    def _walk(self, root: Path, top: Path) -> Iterator[tuple[Path, list[Path], bool]]:
        """(folder, its candidate files, rendered) for every folder under root, sorted, symlinks
        checked; a chart or kustomization folder is yielded whole (rendered), and not entered."""
        real = root.resolve()
        if real in self._seen:
            raise InvalidInputError(
                f"{_display(root)}: symlink loop (this folder was already scanned)"
            )
        self._seen.add(real)
        try:
            entries = sorted(root.iterdir(), key=lambda entry: entry.name)
        except OSError as exc:
            raise InvalidInputError(
                f"{_display(root)}: cannot list folder: {exc.strerror}"
            ) from None
        if self.skip:
            entries = [entry for entry in entries if not self._skipped(entry)]
        names = {entry.name for entry in entries}
        if "pyvenv.cfg" in names:  # a Python virtual environment, whatever its name
            return
        if renderer_for(root) is not None:
            yield root, [], True  # rendered whole: its templates/ and bases are not manifests
            return
        files = [entry for entry in entries if candidate(entry) and entry.is_file()]
        files = [entry for entry in files if _allowed_link(entry, top, self.limits)]
        if files:
            yield root, files, False
        for entry in entries:
            if (
                entry.name not in SKIPPED_FOLDERS
                and entry.is_dir()
                and _allowed_link(entry, top, self.limits)
            ):
                yield from self._walk(entry, top)

    def _skipped(self, entry: Path) -> bool:
        """Whether entry is one of riskreg's own inputs. Resolving is costly (a stat per path
        part), and a path that is not itself a symlink resolves to a path of the same name, so
        only entries named like a skipped path, or symlinks, are resolved."""
        if entry.name not in self._skip_names and not entry.is_symlink():
            return False
        return entry.resolve() in self.skip

    def _folder_target(self, folder: Path, files: list[Path], rendered: bool) -> Target | None:
        if rendered:
            return render_folder(folder, _display(folder), self.limits, self.render)
        documents: list[Document] = []
        digests: dict[str, str] = {}
        for file in files:
            where = _display(file)
            read = read_file(file, where, self.limits, explicit=False)
            if read.passed_over:
                self.passed_over[read.passed_over] += 1
                continue
            documents.extend(read.documents)
            digests[where] = _sha256(file)
        if not documents:
            return None
        return Target(_display(folder), validate_documents(documents), digests)


def discover(
    arguments: list[str],
    limits: Limits,
    render: RenderOptions | None = None,
    skip: frozenset[Path] = frozenset(),
) -> Discovery:
    """Targets for the given paths, folders recursively, in a stable order; loaded lazily.
    Chart and kustomization folders are rendered (`render`: default from [tool.riskreg]);
    files and folders in `skip` (resolved paths) are passed over inside a folder."""
    return Discovery(arguments, limits, render, skip)
