"""Querying an OPA server's gate entrypoint through opa-python-client, failing closed on anything odd."""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlsplit

from riskreg.errors import UsageError
from riskreg.models.control import by_package_key
from riskreg.policy.engines.interface import (
    EngineAnswerError,
    EngineTimeoutError,
    EngineUnreachableError,
    TargetResults,
)

GATE_PACKAGE = "riskreg_gate"
GATE_RULE = "batch"


def _opa_client_class() -> Any:
    """opa-python-client's synchronous OpaClient, without running the package's `__init__`.

    That `__init__` also imports the asyncio client and with it aiohttp and aiofiles (about a
    third of a cold `riskreg check`), which riskreg never uses. So the package is registered
    as a bare namespace with the real `__path__`, and only `opa_client.opa` (and what it
    imports relatively: base, errors, rego_compat) is executed. If the package was already
    imported in full, that is used as it is.
    """
    if "opa_client" not in sys.modules:
        import importlib.util
        import types

        spec = importlib.util.find_spec("opa_client")
        if spec is None or spec.submodule_search_locations is None:
            raise ImportError("opa-python-client is not installed")
        package = types.ModuleType("opa_client")
        package.__path__ = list(spec.submodule_search_locations)
        package.__spec__ = spec
        package.__package__ = "opa_client"
        package.__file__ = spec.origin
        sys.modules["opa_client"] = package
    from opa_client.opa import OpaClient

    return OpaClient


class GateClient:
    """A keep-alive connection to one OPA server, asking `data.riskreg_gate.batch` for a batch."""

    def __init__(self, url: str, token: str | None, timeout: float, ca_bundle: str | None = None):
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise UsageError(f"--opa-url {url!r}: expected http(s)://host:port")
        use_tls = parts.scheme == "https"
        self.url = url
        self.timeout = timeout
        self._client = _opa_client_class()(
            host=parts.hostname,
            port=parts.port or (443 if use_tls else 80),
            ssl=(ca_bundle or True) if use_tls else False,
            token=token,
            retries=0,
            timeout=timeout,
        )

    def query(self, inputs: list[dict[str, Any]], label: str) -> list[TargetResults]:
        """One request for the whole batch; HTTP errors, timeouts and undefined results all raise."""
        import requests

        try:
            response = self._client.query_rule(
                input_data={"targets": inputs},
                package_path=GATE_PACKAGE,
                rule_name=GATE_RULE,
                query_params={"strict-builtin-errors": "true"},
            )
        except requests.exceptions.Timeout:
            raise EngineTimeoutError(
                f"OPA at {self.url} did not answer within {self.timeout:g} s while evaluating {label}",
                hint="a control may not terminate; raise --timeout if the input is just large",
            ) from None
        except requests.exceptions.HTTPError as exc:
            raise EngineAnswerError(
                f"OPA at {self.url} failed on {label}: {_http_detail(exc)}"
            ) from None
        except requests.exceptions.JSONDecodeError as exc:
            # A JSONDecodeError is also a RequestException; it means a bad answer, not no answer.
            raise EngineAnswerError(
                f"OPA at {self.url} sent a non-JSON answer for {label}: {exc}"
            ) from None
        except requests.exceptions.RequestException as exc:
            raise EngineUnreachableError(
                f"OPA at {self.url} unreachable while evaluating {label}: {exc}"
            ) from None
        except ValueError as exc:
            raise EngineAnswerError(
                f"OPA at {self.url} sent a non-JSON answer for {label}: {exc}"
            ) from None
        return _batch_results(response, len(inputs), label)

    def put_data(self, documents: dict[str, Any]) -> None:
        """Create or replace each top-level data document (`PUT /v1/data/<name>`)."""
        import requests
        from opa_client.errors import RegoParseError, TypeException

        for name, document in documents.items():
            try:
                self._client.update_or_create_data(document, name)
            except (requests.exceptions.RequestException, ValueError) as exc:
                raise EngineUnreachableError(
                    f"OPA at {self.url} did not take data document {name}: {exc}"
                ) from None
            except (RegoParseError, TypeException) as exc:  # a refusal: status other than 204
                raise EngineAnswerError(
                    f"OPA at {self.url} refused data document {name}: {exc}"
                ) from None

    def answers(self, query: str, input_data: dict[str, Any], timeout: float) -> bool:
        """Whether an ad-hoc query answers within `timeout`; False on a timeout or a server that
        went away (what diagnosis looks for), True on any answer, even an error."""
        import requests

        url = f"{self._client.root_url}/query"
        try:
            self._client._session.post(
                url, json={"query": query, "input": input_data}, timeout=timeout
            )
        except requests.exceptions.RequestException:
            return False
        return True

    def healthy(self) -> bool:
        return bool(self._client.check_health())

    def serves_nonce(self, nonce: str, timeout: float = 1.0) -> bool:
        """Whether the server answers with our per-run nonce: proof it is the opa we started,
        not another process that took the port first. Short timeout: a hung listener is no opa."""
        import requests

        url = f"{self._client.root_url}/data/riskreg_run/nonce"
        try:
            response = self._client._session.get(url, timeout=timeout)
            return bool(response.status_code == 200 and response.json().get("result") == nonce)
        except (requests.exceptions.RequestException, ValueError, AttributeError):
            return False

    def queries_served(self, timeout: float = 2.0) -> int | None:
        """How many authorized /v1 requests the server has answered, from its Prometheus
        counters (`GET /metrics`, token-protected like everything else); None when it does not
        answer. A request refused for a wrong token is counted under `authz`, never here."""
        import requests

        try:
            response = self._client._session.get(f"{self.url}/metrics", timeout=timeout)
        except requests.exceptions.RequestException:
            return None
        if response.status_code != 200:
            return None
        return sum(
            int(float(line.rsplit(" ", 1)[1]))
            for line in response.text.splitlines()
            if line.startswith("http_request_duration_seconds_count{") and 'handler="v1/' in line
        )

    def close(self) -> None:
        self._client.close_connection()


def _http_detail(exc: Any) -> str:
    response = exc.response
    try:
        body = response.json()
        message = body.get("message", "")
        errors = body.get("errors") or []
        if errors:
            first = errors[0]
            location = first.get("location") or {}
            where = f"{location.get('file', '?')}:{location.get('row', '?')}: " if location else ""
            message = f"{where}{first.get('message', message)}"
        return f"HTTP {response.status_code}: {message or response.text[:200]}"
    except ValueError:
        return f"HTTP {response.status_code}: {response.text[:200]}"


def _batch_results(response: Any, expected: int, label: str) -> list[TargetResults]:
    if not isinstance(response, dict) or "result" not in response:
        raise EngineAnswerError(
            f"OPA returned no result (undefined) for {label}",
            hint="is the gate entrypoint policies/gate/gate.rego loaded?",
        )
    results = response["result"]
    if not isinstance(results, list) or len(results) != expected:
        raise EngineAnswerError(
            f"OPA returned {type(results).__name__} of the wrong shape for {label}"
        )
    return [by_package_key(result) if isinstance(result, dict) else result for result in results]


class ClientPool:
    """One keep-alive GateClient per thread, so `--jobs` workers never share a connection."""

    def __init__(self, url: str, token: str | None, timeout: float, ca_bundle: str | None = None):
        import threading

        self.url = url
        self._args = (url, token, timeout, ca_bundle)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[GateClient] = []
        self.get()  # validates the URL now, on the calling thread

    def get(self) -> GateClient:
        client: GateClient | None = getattr(self._local, "client", None)
        if client is None:
            client = GateClient(*self._args)
            self._local.client = client
            with self._lock:
                self._all.append(client)
        return client

    def close(self) -> None:
        with self._lock:
            clients, self._all = self._all, []
        for client in clients:
            client.close()
