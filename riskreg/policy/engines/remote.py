"""Existing OPA servers (`--opa-url`, repeatable): batches are spread over them in turn."""

from __future__ import annotations

import itertools
import os
import threading
from pathlib import Path
from typing import Any

from riskreg.errors import InvalidInputError
from riskreg.policy.engines.interface import Engine, EngineAnswerError, TargetResults
from riskreg.policy.engines.opa_client import ClientPool

TOKEN_VARIABLE = "RISKREG_OPA_TOKEN"  # noqa: S105 - a variable name, not a secret


def read_token(token_file: Path | None) -> str | None:
    """The bearer token from a file or RISKREG_OPA_TOKEN; never from the command line itself."""
    if token_file is not None:
        try:
            return token_file.read_text().strip() or None
        except OSError as exc:
            raise InvalidInputError(
                f"{token_file}: cannot read token file: {exc.strerror}"
            ) from None
    return os.environ.get(TOKEN_VARIABLE) or None


class RemoteOpaEngine(Engine):
    """Evaluates through OPA servers someone else runs; they must have riskreg's policies loaded."""

    def __init__(
        self,
        urls: list[str],
        token: str | None,
        timeout: float,
        ca_bundle: Path | None = None,
        version: str | None = None,
    ) -> None:
        ca = str(ca_bundle) if ca_bundle else None
        self._clients = [ClientPool(url.rstrip("/"), token, timeout, ca) for url in urls]
        self._turn = itertools.cycle(self._clients)
        self._turn_lock = threading.Lock()
        # Known only when the caller knows what runs there (`riskreg serve` recorded it).
        self._version = version

    @property
    def version(self) -> str | None:
        return self._version

    def evaluate(self, inputs: list[dict[str, Any]]) -> list[TargetResults]:
        with self._turn_lock:
            pool = next(self._turn)
        first = inputs[0].get("target") if inputs else "?"
        label = f"{len(inputs)} target(s) starting with {first}"
        results = pool.get().query(inputs, label)
        if not results and inputs:
            raise EngineAnswerError(f"OPA at {pool.url} returned nothing for {label}")
        return results

    def serves_nonce(self, nonce: str) -> bool:
        """Whether every server answers with `nonce` (a `riskreg serve` proving it is the opa
        its state file names)."""
        return all(pool.get().serves_nonce(nonce) for pool in self._clients)

    def close(self) -> None:
        for client in self._clients:
            client.close()
