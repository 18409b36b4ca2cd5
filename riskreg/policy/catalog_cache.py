"""The control catalogue cached by the digest of the policies folder, so `check` skips `opa inspect`.

`opa inspect -a` parses and compiles every policy in a separate process (about as long as the
rest of a small `check`). Its result depends only on the files it reads and on the opa version,
so it is kept under `<cache>/catalog-<key>.json`, where the key is the sha256 of every file in
the policies folder (relative path and bytes), the folder's resolved path and the opa version,
recomputed on every run. An entry is used only when the digest stored inside it matches that
key and its controls validate as `Control`s; anything else (missing, unreadable, stale, edited)
falls back to `opa inspect`, whose answer is then stored. So the cache never answers for
policies other than the ones on disk now, and holds only what `opa inspect` accepted: checks
that apply to the policies themselves (signatures, compilation) see the same files either way.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from riskreg.models.control import Control
from riskreg.models.pack import PolicyRoot, as_roots
from riskreg.policy.catalog import Catalog, load_catalog
from riskreg.policy.engines.binary import OpaBinary

FORMAT = 1


def policies_digest(policies: Path | Sequence[PolicyRoot], opa_version: str) -> str:
    """sha256 over every file under each policy root (sorted relative path, length, bytes), each
    root's resolved path, prefix and kind, and the opa version."""
    digest = hashlib.sha256(f"riskreg-catalog {FORMAT}\0{opa_version}\0".encode())
    for policy_root in as_roots(policies):
        root = str(policy_root.path.resolve())
        digest.update(f"{root}\0{policy_root.prefix}\0{policy_root.builtin}\0".encode())
        _digest_folder(digest, root)
    return digest.hexdigest()


def _digest_folder(digest: hashlib._Hash, root: str) -> None:
    # Plain strings and open(): this runs on every check, over a few hundred files.
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in sorted(files):
            with open(f"{folder}/{name}", "rb") as stream:  # noqa: PTH123
                data = stream.read()
            digest.update(f"{relative}/{name}\0{len(data)}\0".encode() + data)


def cached_catalog(
    binary: OpaBinary,
    policies: Path | Sequence[PolicyRoot],
    cache: Path | None,
    key: str | None = None,
) -> Catalog:
    """The catalogue of `policies` (one folder or a run's roots): from the cache when an entry
    matches their digest, else from `opa inspect` (then stored). `cache=None` always inspects.
    `key`: their `policies_digest`, when the run has computed it already (riskreg.run.warm)."""
    if cache is None or not all(root.path.is_dir() for root in as_roots(policies)):
        return load_catalog(binary, policies)
    key = key or policies_digest(policies, binary.version)
    entry = cache / f"catalog-{key}.json"
    found = _read(entry, key)
    if found is not None:
        return found
    catalog = load_catalog(binary, policies)
    _write(entry, key, catalog)
    return catalog


def _read(entry: Path, key: str) -> Catalog | None:
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        if stored.get("format") != FORMAT or stored.get("digest") != key:
            return None
        return Catalog([Control.model_validate(item) for item in stored["controls"]])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # pydantic's ValidationError is a ValueError


def _write(entry: Path, key: str, catalog: Catalog) -> None:
    """Store atomically (temp file + rename); a cache that cannot be written is no error."""
    document = {
        "format": FORMAT,
        "digest": key,
        "controls": [control.model_dump(mode="json") for control in catalog.controls],
    }
    with contextlib.suppress(OSError):
        entry.parent.mkdir(parents=True, exist_ok=True)
        for stale in entry.parent.glob("catalog-*.json"):
            stale.unlink(missing_ok=True)  # one entry: the policies as they are now
        handle, temp = tempfile.mkstemp(dir=entry.parent, prefix=".catalog-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(document, stream)
            Path(temp).replace(entry)
        except OSError:
            Path(temp).unlink(missing_ok=True)
            raise
