"""Tiny loopback HTTP servers that misbehave like a broken OPA, and fake opa binaries."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

Behaviour = Callable[[BaseHTTPRequestHandler], None]
LIFETIME = 60.0  # a server stops by itself after this, even if a test forgets it


def answer(status: int, body: bytes, delay: float = 0.0) -> Behaviour:
    def behave(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(delay)
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return behave


def hang_up(handler: BaseHTTPRequestHandler) -> None:
    """Close the connection without a word (a crashed proxy)."""
    handler.close_connection = True
    handler.connection.close()


@contextmanager
def serving(behave: Behaviour) -> Iterator[str]:
    """Serve `behave` for every request on 127.0.0.1:<free port>; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            behave(self)

        do_GET = do_POST

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    stopper = threading.Timer(LIFETIME, server.shutdown)
    stopper.daemon = True
    stopper.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        stopper.cancel()
        server.shutdown()
        server.server_close()


def fake_opa(folder: Path, script: str) -> Path:
    """An executable `opa` shell script in `folder` running `script`."""
    path = folder / "opa"
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(0o755)
    return path
