"""The state file of `riskreg serve`, and whether `check --warm` may evaluate through its server.

`.riskreg/serve.json` (beside the run history and the catalogue cache) is the key to the server:
it holds the url, the bearer token and the server's nonce, so it is created mode 0600 and
exclusively (hard link of a finished temp file: never half-written, never over a live serve's).
A client reads it only when the current user owns it and nobody else may read or write it, and
uses the server only when all of these hold, else starts its own opa and says why:
- the serve process that wrote it is alive (and its opa: the server answers, below);
- the url is on 127.0.0.1;
- the digests of what the server loaded equal what this run would load: every policy file with
  each root's path and the opa version (the catalogue cache's key), the data document (register
  and parameters), and the control pack record with its trust decision;
- the server answers with the nonce in the file, which only the opa that serve started holds, so
  a process that took its port after it died cannot answer for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict

from riskreg.errors import UsageError
from riskreg.models.provenance_pack import ControlPack, PackSource

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.risk import Register
    from riskreg.policy.engines.binary import OpaBinary
    from riskreg.policy.engines.remote import RemoteOpaEngine

STATE_NAME = "serve.json"
FORMAT = 1
LOOPBACK = "127.0.0.1"


class ServeState(BaseModel):
    """What `riskreg serve` writes once its opa is ready; `token` and `nonce` are the secrets."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: int = FORMAT
    url: str
    token: str
    nonce: str
    pid: int
    opa_pid: int
    opa_version: str
    policies_digest: str
    data_digest: str
    control_pack: ControlPack
    started: dt.datetime
    idle_timeout: float

    def public(self) -> dict[str, Any]:
        """The state without its secrets, for `riskreg serve --format json`."""
        return self.model_dump(mode="json", exclude={"token", "nonce"})


@dataclass(frozen=True)
class Loaded:
    """The digests of what an opa server holds for a run's settings."""

    policies_digest: str
    data_digest: str
    control_pack: ControlPack

    @property
    def catalog_key(self) -> str | None:
        """The catalogue cache's key for these policies (the same digest), computed once per run;
        None for a bundle, whose digest is of the bundle file instead."""
        return None if self.control_pack.source is PackSource.BUNDLE else self.policies_digest


@dataclass(frozen=True)
class Warm:
    """What `check --warm` found: the engine at `riskreg serve` (None: start opa), the line that
    says so or why not, and the policies' digest when it was computed (the catalogue's key)."""

    engine: RemoteOpaEngine | None
    line: str
    catalog_key: str | None = None


def state_path(settings: Settings) -> Path:
    """`serve.json` beside the run history (.riskreg/), where `cache/` also lives."""
    return settings.history.parent / STATE_NAME


def what_loads(
    settings: Settings, register: Register, binary: OpaBinary, pack: ControlPack
) -> Loaded:
    """The digests of the policies, data and pack a server for `settings` (opened) holds."""
    from riskreg.policy.catalog_cache import policies_digest
    from riskreg.run.engine import policy_data
    from riskreg.run.packs import policy_roots

    data = json.dumps(policy_data(settings, register), sort_keys=True, separators=(",", ":"))
    if pack.source is PackSource.BUNDLE:
        # Unpacked into a fresh temporary folder per process, so the folder digest (which names
        # the folder) never matches; the bundle file's sha256 names every file in it.
        policies = hashlib.sha256(f"bundle\0{pack.sha256}\0{binary.version}".encode()).hexdigest()
    else:
        policies = policies_digest(policy_roots(settings), binary.version)
    return Loaded(
        policies_digest=policies,
        data_digest=hashlib.sha256(data.encode("utf-8")).hexdigest(),
        control_pack=pack,
    )


def serve_alive(pid: int) -> bool:
    """Whether `pid` is a running riskreg (a pid the system gave to another program is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # another user's process: never the serve this user started
    try:
        return b"riskreg" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: the signal probe is all there is


def read_state(path: Path) -> tuple[ServeState | None, str]:
    """The state in `path`, or None and why it cannot be trusted."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None, f"no {path} (start `riskreg serve`)"
    except OSError as exc:
        return None, f"{path}: {exc.strerror}"
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None, f"{path} is not a file only this user can read and write"
    try:
        return ServeState.model_validate_json(path.read_bytes()), ""
    except (OSError, ValueError):
        return None, f"{path} is not a riskreg serve state file"


def claim(path: Path) -> None:
    """Refuse (exit 2) when a live serve owns `path`; remove a stale one (its serve is gone)."""
    state, _ = read_state(path)
    if state is not None and serve_alive(state.pid) and state.pid != os.getpid():
        raise UsageError(
            f"riskreg serve already runs for this project (pid {state.pid}, {state.url}); "
            f"stop it first, or use it with `riskreg check --warm`"
        )
    # One this user cannot remove is met again, as taken, when the new state is written.
    with contextlib.suppress(OSError):
        path.unlink()


def write_state(path: Path, state: ServeState) -> None:
    """Create `path` with mode 0600, whole and only if absent (a race lost is exit 2)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".serve-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:  # mkstemp: mode 0600
            stream.write(state.model_dump_json())
        os.link(temp, path)
    except FileExistsError:
        raise UsageError(f"{path}: another riskreg serve started at the same time") from None
    finally:
        Path(temp).unlink(missing_ok=True)


def remove_state(path: Path, state: ServeState) -> None:
    """Remove `path` if it is still this serve's (never a later serve's file)."""
    found, _ = read_state(path)
    if found is not None and found.pid == state.pid and found.nonce == state.nonce:
        path.unlink(missing_ok=True)


def warm_engine(
    settings: Settings, register: Register, binary: OpaBinary, pack: ControlPack
) -> Warm:
    """The engine at the running `riskreg serve` and a status line; or None and the warning
    line saying why this run starts its own opa."""
    from riskreg.policy.engines.remote import RemoteOpaEngine

    path = state_path(settings)
    state, why = read_state(path)
    key = None
    if state is not None:
        loaded = what_loads(settings, register, binary, pack)
        why, key = _mismatch(state, loaded), loaded.catalog_key
    if state is None or why:
        return Warm(None, f"warning: --warm: {why}; starting opa for this run", key)
    engine = RemoteOpaEngine([state.url], state.token, settings.timeout, version=state.opa_version)
    if not engine.serves_nonce(state.nonce):
        engine.close()
        line = f"warning: --warm: riskreg serve at {state.url} does not answer; starting opa"
        return Warm(None, line, key)
    line = f"warm: evaluating through riskreg serve (pid {state.pid}, {state.url})"
    return Warm(engine, line, key)


def _mismatch(state: ServeState, loaded: Loaded) -> str:
    """Why the server in `state` cannot answer for this run ("" when it can)."""
    if not serve_alive(state.pid):
        return f"riskreg serve (pid {state.pid}) is not running"
    if urlsplit(state.url).hostname != LOOPBACK:
        return f"riskreg serve at {state.url} is not on {LOOPBACK}"
    if state.policies_digest != loaded.policies_digest:
        return "riskreg serve loaded other policies (stale digest: restart it)"
    if state.data_digest != loaded.data_digest:
        return "riskreg serve loaded another register or parameters (stale digest: restart it)"
    if state.control_pack != loaded.control_pack:
        return "riskreg serve runs another control pack or trust decision (restart it)"
    return ""
