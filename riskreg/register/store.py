"""Load and save the register folder: every `risks/*.yaml` except `waivers.yaml` and
`criteria.yaml` is a register file.

Layout: one file per MIT domain, `domain-<code>.yaml` (e.g. `domain-7.yaml`), risks without a
domain in `register.yaml`. A risk that already lives in a file stays there on every later import,
so an organisation may arrange its own files freely. Risks inside a file are in natural id order
(`mit2` before `mit10`). Subfolders (such as `catalogue/` and `systems/`) are not register files;
`criteria.yaml` holds the scale and the residual rule (`riskreg.register.criteria`). Files are read
with a safe YAML loader only and written through a temp file and a rename, after all validation.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from riskreg.errors import InvalidInputError
from riskreg.models.risk import Governance, Register, RegisterFile, Risk, risk_sort_key
from riskreg.register.lint import check_files
from riskreg.register.loaded import LoadedFile
from riskreg.register.yamlio import (
    Problem,
    YamlDocument,
    dump_yaml,
    parse_yaml,
    prune,
    yaml_problem,
)
from riskreg.yamlsafe.loader import YamlInputError

NOT_REGISTER_FILES = frozenset({"waivers.yaml", "criteria.yaml"})


def register_paths(folder: Path) -> list[Path]:
    """The register files of a folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.name not in NOT_REGISTER_FILES)


def read_file(path: Path) -> tuple[LoadedFile | None, list[Problem]]:
    """Read and validate one register file; every schema problem is returned, none raised."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Problem(str(path), line, "encoding", "not UTF-8")]
    try:
        document = parse_yaml(text, str(path))
    except YamlInputError as exc:
        return None, [yaml_problem(str(path), exc)]
    try:
        content = RegisterFile.model_validate(_versioned(document.data or {}))
    except ValidationError as exc:
        return None, [_problem(path, document, error) for error in exc.errors()]
    return LoadedFile(path, content, document), []


def _versioned(data: object) -> object:
    """A file without `schema_version` was written for schema 1, when the key was optional."""
    if isinstance(data, dict) and "schema_version" not in data:
        return {"schema_version": 1, **data}
    return data


def _problem(path: Path, document: YamlDocument, error: ErrorDetails) -> Problem:
    loc = tuple(error["loc"])
    field = ".".join(str(part) for part in loc) or "(file)"
    return Problem(str(path), document.line_of(loc), field, str(error["msg"]))


def read_folder(folder: Path) -> tuple[list[LoadedFile], list[Problem]]:
    """Read every register file of `folder`, collecting all problems instead of stopping."""
    files: list[LoadedFile] = []
    problems: list[Problem] = []
    for path in register_paths(folder):
        loaded, found = read_file(path)
        problems += found
        if loaded is not None:
            files.append(loaded)
    return files, problems


def register_version(risks: Iterable[Risk]) -> str:
    """A short digest of the register content, independent of file layout and key order."""
    payload = [risk.model_dump(mode="json") for risk in risks]
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()
    return digest[:12]


def build_register(files: Iterable[LoadedFile]) -> Register:
    """The Register of already-loaded files (risks in natural id order)."""
    risks = sorted(
        (risk for loaded in files for risk in loaded.content.risks),
        key=lambda risk: risk_sort_key(risk.id),
    )
    return Register(risks=risks, version=register_version(risks))


def load_register(folder: Path) -> Register:
    """Load and check the register in `folder`; the first problem raises InvalidInputError."""
    files, problems = read_folder(folder)
    problems += check_files(folder, files)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidInputError(
            f"{problems[0]}{more}", hint=f"riskreg risks validate --risks {folder}"
        )
    return build_register(files)


def file_for(risk: Risk) -> str:
    """Default file name of a risk new to the register."""
    return f"domain-{risk.domain.code.lower()}.yaml" if risk.domain else "register.yaml"


def render_file(risks: Iterable[Risk]) -> str:
    """The text of one register file holding `risks`, in natural id order.

    A file still carrying schema-1 `governance` is written as schema 1, so an import into a
    register that was not migrated yet keeps working; `riskreg register migrate` moves it.
    """
    ordered = sorted(risks, key=lambda risk: risk_sort_key(risk.id))
    version = 1 if any(risk.governance != Governance() for risk in ordered) else None
    content = RegisterFile(risks=ordered, **({"schema_version": version} if version else {}))
    return dump_yaml(prune(content.model_dump(mode="json")))


def save_files(folder: Path, contents: dict[str, str]) -> list[Path]:
    """Write changed files: all temp files first, then the renames; returns the paths changed."""
    folder.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[Path, Path]] = []
    try:
        for name, text in sorted(contents.items()):
            target = folder / name
            if target.is_file() and target.read_text(encoding="utf-8") == text:
                continue
            pending.append((_temp_copy(target, text), target))
        for temp, target in pending:
            temp.replace(target)
    finally:
        for temp, _ in pending:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
    return [target for _, target in pending]


def _temp_copy(target: Path, text: str) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    with os.fdopen(handle, "wb") as stream:
        stream.write(text.encode("utf-8"))
        stream.flush()
        os.fsync(stream.fileno())
    # mkstemp makes 0600 files; a register file is shared data, so keep the old mode or use 0644.
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
    Path(temp_name).chmod(mode)
    return Path(temp_name)
