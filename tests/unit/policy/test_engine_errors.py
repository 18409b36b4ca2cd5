"""Engine failures are classified by exception type, and the server's teardown decides on the type."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from riskreg.errors import EvaluationError
from riskreg.policy.engines.interface import (
    EngineAnswerError,
    EngineTimeoutError,
    EngineUnreachableError,
)
from riskreg.policy.engines.opa_client import GateClient
from riskreg.policy.engines.opa_server import OpaServerEngine


def _client_raising(monkeypatch: pytest.MonkeyPatch, error: Exception) -> GateClient:
    client = GateClient("http://127.0.0.1:9", None, 1.0)

    def query_rule(**_: Any) -> Any:
        raise error

    monkeypatch.setattr(client._client, "query_rule", query_rule)
    return client


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (requests.exceptions.ReadTimeout("slow"), EngineTimeoutError),
        (requests.exceptions.ConnectionError("refused"), EngineUnreachableError),
        (requests.exceptions.JSONDecodeError("bad", "x", 0), EngineAnswerError),
        (ValueError("not json"), EngineAnswerError),
    ],
    ids=["timeout", "connection", "json-decode", "value"],
)
def test_gate_client_raises_typed_errors(
    monkeypatch: pytest.MonkeyPatch, raised: Exception, expected: type[EvaluationError]
) -> None:
    client = _client_raising(monkeypatch, raised)
    with pytest.raises(expected) as caught:
        client.query([{"target": "t"}], "target t")
    assert isinstance(caught.value, EvaluationError)  # still exit 4 for the CLI
    client.close()


class _Running:
    returncode = None

    def poll(self) -> None:
        return None


class _Pool:
    def __init__(self, error: EvaluationError) -> None:
        self.error = error

    def get(self) -> _Pool:
        return self

    def query(self, inputs: list[dict[str, Any]], label: str) -> Any:
        raise self.error


def _engine(error: EvaluationError, stopped: list[bool]) -> OpaServerEngine:
    """An engine whose server 'runs' and whose client fails with `error` (no opa process)."""
    engine = OpaServerEngine.__new__(OpaServerEngine)
    engine._ready = True
    engine._process = _Running()  # type: ignore[assignment]
    engine._client = _Pool(error)  # type: ignore[assignment]
    engine._stop_process = lambda: stopped.append(True)  # type: ignore[method-assign]
    return engine


def test_timeout_tears_the_server_down_whatever_its_wording() -> None:
    stopped: list[bool] = []
    engine = _engine(EngineTimeoutError("no answer in time"), stopped)
    with pytest.raises(EngineTimeoutError):
        engine.evaluate([{"target": "t"}])
    assert stopped == [True]


def test_other_errors_leave_the_server_running_even_if_worded_like_a_timeout() -> None:
    stopped: list[bool] = []
    engine = _engine(EngineAnswerError("OPA did not answer within 2 s"), stopped)
    with pytest.raises(EngineAnswerError):
        engine.evaluate([{"target": "t"}])
    assert stopped == []
