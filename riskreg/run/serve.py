"""`riskreg serve`: the opa `check` would start, kept warm for `check --warm` until idle or stopped.

The server is the one riskreg.run.engine starts for a run (same policy roots, register data and
parameters, memory bound, timeouts, token authentication, 127.0.0.1 only), with a fresh random
token; riskreg.run.warm writes its state file once it answers. Idleness is read from opa's own
Prometheus counters of answered /v1 requests (`GET /metrics`, token-protected like the rest), so
no proxy stands between `check` and opa, and requests refused for a wrong token never keep it up.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from contextlib import ExitStack
from typing import TYPE_CHECKING

from riskreg.errors import EvaluationError
from riskreg.run.engine import load_register, prepare_engine, start_engine
from riskreg.run.warm import ServeState, claim, remove_state, state_path, what_loads, write_state

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.policy.engines.opa_server import OpaServerEngine

# The longest gap between two looks at the server: idle stop is at most this late.
MAX_POLL_SECONDS = 5.0


def serve(settings: Settings, ready: Callable[[ServeState], None]) -> float:
    """Start the server, write the state file, call `ready` with the state, and keep the server
    until it has been idle for settings.idle_timeout seconds (returned). An exception, including
    the KeyboardInterrupt the CLI raises on Ctrl-C or SIGTERM, stops it too; either way the state
    file is removed first, then opa is stopped. Raises UsageError when a live serve owns the
    state file, EvaluationError when opa exits under it."""
    from riskreg.policy.engines.opa_server import OpaServerEngine
    from riskreg.run.trust import open_pack

    path = state_path(settings)
    claim(path)
    register = load_register(settings)
    with ExitStack() as stack:
        opened = stack.enter_context(open_pack(settings, register))
        engine, binary = stack.enter_context(start_engine(opened.settings))
        if not isinstance(engine, OpaServerEngine):  # serve has no --opa-url: never reached
            raise EvaluationError("riskreg serve runs its own opa only")
        loaded = what_loads(opened.settings, register, binary, opened.pack)
        prepare_engine(opened.settings, engine, binary, register, loaded.catalog_key)
        engine.wait_ready()
        state = ServeState(
            url=engine.url, token=engine.token, nonce=engine.nonce, pid=os.getpid(),
            opa_pid=engine.pid or 0, opa_version=binary.version,
            policies_digest=loaded.policies_digest, data_digest=loaded.data_digest,
            control_pack=opened.pack, started=dt.datetime.now(dt.UTC).replace(microsecond=0),
            idle_timeout=settings.idle_timeout,
        )  # fmt: skip
        write_state(path, state)
        stack.callback(remove_state, path, state)
        ready(state)
        wait_idle(engine, settings.idle_timeout)
    return settings.idle_timeout


def wait_idle(engine: OpaServerEngine, idle_timeout: float) -> None:
    """Return once the server has answered no /v1 request for `idle_timeout` seconds."""
    interval = min(MAX_POLL_SECONDS, max(0.2, idle_timeout / 6))
    seen = engine.queries_served()
    active = time.monotonic()
    while time.monotonic() - active < idle_timeout:
        time.sleep(interval)
        if not engine.running:
            raise EvaluationError("riskreg serve: opa exited; the state file is removed")
        count = engine.queries_served()
        if count is not None and count != seen:
            seen, active = count, time.monotonic()
