"""An OPA server riskreg starts for one run: loopback only, a per-run token, stopped on any exit."""

from __future__ import annotations

import contextlib
import ctypes
import json
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from riskreg.bounds.child import MemoryBound
from riskreg.errors import EvaluationError
from riskreg.policy.engines.binary import OpaBinary
from riskreg.policy.engines.interface import (
    Engine,
    EngineBoundError,
    EngineTimeoutError,
    TargetResults,
)
from riskreg.policy.engines.opa_client import ClientPool

# How long diagnosis lets one control run alone on the batch before naming it.
DIAGNOSIS_SECONDS = 5.0

# .signatures.json: the built-in pack's wheel signature, checked by riskreg before opa starts;
# opa would otherwise load it as data.signatures.
IGNORED = ("*_test.rego", "*.yaml", "*.yml", "*.md", "samples", ".signatures.json")
_PR_SET_PDEATHSIG = 1

_AUTHZ = """package system.authz

# Only the riskreg process that started this server knows the token.
default allow := false

allow if input.identity == "{token}"
"""


def _die_with_parent() -> None:
    """In the child: ask Linux to kill opa if riskreg dies, even by SIGKILL (no orphan servers)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OpaServerEngine(Engine):
    """Starts `opa run --server` on policies + register data, and evaluates batches through it.

    `policies` is one folder or several (the built-in pack and a project's own), loaded together.
    """

    def __init__(
        self,
        binary: OpaBinary,
        policies: Path | Sequence[Path],
        data: dict[str, Any],
        timeout: float = 30.0,
        startup_timeout: float = 20.0,
        token: str | None = None,
        wait: bool = True,
        memory: MemoryBound | None = None,
    ) -> None:
        self._binary = binary
        self._policies = [policies] if isinstance(policies, Path) else list(policies)
        self._timeout = timeout
        self._workdir = Path(tempfile.mkdtemp(prefix="riskreg-opa-"))
        # A caller may share one token across servers (a local fleet); by default it is per run.
        self._token = token or secrets.token_urlsafe(32)
        self._nonce = secrets.token_urlsafe(16)
        self._startup_timeout = startup_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._client: ClientPool | None = None
        self._ready = False
        self._ready_lock = threading.Lock()
        self._attempts = 0
        self._memory = memory or MemoryBound(None, "opa_memory")
        self._pending: dict[str, Any] | None = None
        try:
            self._prepare({**data, "riskreg_run": {"nonce": self._nonce}})
            self._spawn()
            if wait:
                self.wait_ready()
        except BaseException:
            self.close()
            raise

    @property
    def version(self) -> str:
        return self._binary.version

    @property
    def token(self) -> str:
        return self._token

    @property
    def nonce(self) -> str:
        """What this server answers at data.riskreg_run.nonce, and no other server knows."""
        return self._nonce

    @property
    def url(self) -> str:
        return self._client.url if self._client else ""

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def queries_served(self) -> int | None:
        """The server's count of answered /v1 requests (what `riskreg serve` measures idleness
        by); None when it does not answer."""
        return self._client.get().queries_served() if self._client is not None else None

    def _prepare(self, data: dict[str, Any]) -> None:
        (self._workdir / "authz").mkdir()
        (self._workdir / "authz" / "authz.rego").write_text(_AUTHZ.format(token=self._token))
        (self._workdir / "data").mkdir()
        (self._workdir / "data" / "data.json").write_text(json.dumps(data))
        (self._workdir / "opa.log").touch()

    def _command(self, port: int) -> list[str]:
        command = [
            str(self._binary.path),
            "run",
            "--server",
            "--addr",
            f"127.0.0.1:{port}",
            "--authentication=token",
            "--authorization=basic",
            "--log-level=error",
            "--skip-version-check",
            "--shutdown-grace-period=1",
        ]
        for pattern in IGNORED:
            command += ["--ignore", pattern]
        # Data given after the start (load_data) is read at start by any later process too.
        later = [str(self._later)] if self._later.is_dir() else []
        return [
            *command,
            *(str(folder) for folder in self._policies),
            str(self._workdir / "authz"),
            str(self._workdir / "data"),
            *later,
        ]

    @property
    def _later(self) -> Path:
        return self._workdir / "later"

    def load_data(self, data: dict[str, Any]) -> None:
        """Add top-level data documents once the server runs, so opa can start (and compile the
        policies) before the register and parameters are read. Sent when the server is ready,
        before any evaluation; a server started again (a taken port, diagnosis) reads them at
        start. The file is written beside, never into, a folder a running opa is reading."""
        later = self._workdir / "later.tmp"
        later.mkdir()
        (later / "data.json").write_text(json.dumps(data))
        later.rename(self._later)
        self._pending = data

    def _spawn(self) -> None:
        """Start opa on a free port; the process runs from this (the main) thread, so
        PR_SET_PDEATHSIG ties its life to riskreg's."""
        self._attempts += 1
        port = free_port()
        with (self._workdir / "opa.log").open("wb") as log:
            self._process = subprocess.Popen(
                self._command(port),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._memory.environment(),
                preexec_fn=self._memory.preexec(_die_with_parent),
            )
        self._client = ClientPool(f"http://127.0.0.1:{port}", self._token, self._timeout)

    def wait_ready(self) -> None:
        """Block until our opa answers with our nonce; retry on a port another process took."""
        with self._ready_lock:
            while not self._ready:
                if self._became_ready():
                    self._send_pending()
                    self._ready = True
                elif self._attempts < 3 and self._port_was_taken():
                    self._stop_process()
                    self._spawn()
                else:
                    raise EvaluationError(f"opa server did not start: {self._log_tail()}")

    def _send_pending(self) -> None:
        pending, self._pending = self._pending, None
        if pending and self._client is not None:
            self._client.get().put_data(pending)

    def _port_was_taken(self) -> bool:
        # Another process bound the port between free_port() and opa starting.
        return "address already in use" in self._log()

    def _became_ready(self) -> bool:
        deadline = time.monotonic() + self._startup_timeout
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                return False
            client = self._client.get() if self._client is not None else None
            if client is not None and client.serves_nonce(self._nonce):
                return True
            time.sleep(0.02)
        return False

    def _log(self) -> str:
        try:
            return (self._workdir / "opa.log").read_text(errors="replace")
        except OSError:
            return ""

    def _log_tail(self) -> str:
        lines = [line for line in self._log().splitlines() if line.strip()]
        return " | ".join(lines[-3:]) or "no output"

    def evaluate(self, inputs: list[dict[str, Any]]) -> list[TargetResults]:
        if not self._ready:
            self.wait_ready()
        if self._client is None or self._process is None or self._process.poll() is not None:
            raise EvaluationError(f"opa server is not running: {self._log_tail()}")
        label = _label(inputs)
        try:
            return self._client.get().query(inputs, label)
        except EngineTimeoutError:
            self._raise_if_exited(label)
            # A query that never ends keeps a CPU busy; the server is torn down with it.
            self._stop_process()
            raise
        except EvaluationError:
            self._raise_if_exited(label)
            raise

    def _raise_if_exited(self, label: str) -> None:
        """A failed request to a server that died is reported as the server's exit; one that
        died at its memory bound, as that bound (classified here, from exit status and output)."""
        process = self._process
        if process is None:
            return
        try:
            process.wait(timeout=1)  # a connection reset may come a moment before the exit
        except subprocess.TimeoutExpired:
            return
        if self._memory.exceeded(process.returncode, self._log()):
            raise EngineBoundError(self._memory.message(f"opa, evaluating {label},")) from None
        raise EvaluationError(
            f"opa server exited (code {process.returncode}) while evaluating {label}"
        ) from None

    def diagnose(self, inputs: list[dict[str, Any]], packages: list[str]) -> str | None:
        """Run each control alone on the batch in a fresh server under the same bounds; the first
        that does not answer within DIAGNOSIS_SECONDS (or takes the server down) is the one."""
        self._stop_process()
        try:
            for package in packages:
                self._ready = False
                self._attempts = 0
                if self._process is None:
                    self._spawn()
                self.wait_ready()
                query = f"x := [r | some t in input.targets; r := data.riskreg.{package}.deny with input as t]"
                if not self._client or not self._client.get().answers(
                    query, {"targets": inputs}, min(DIAGNOSIS_SECONDS, self._timeout)
                ):
                    return package
        except EvaluationError:
            return None
        finally:
            self._stop_process()
        return None

    def _stop_process(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=3)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        self._stop_process()
        shutil.rmtree(self._workdir, ignore_errors=True)


def _label(inputs: list[dict[str, Any]]) -> str:
    names = [str(item.get("target", "?")) for item in inputs]
    if len(names) == 1:
        return f"target {names[0]}"
    return f"targets {names[0]} … {names[-1]} ({len(names)} targets)"
