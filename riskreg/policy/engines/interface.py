"""The engine boundary: evaluate every control on a batch of target inputs, or raise EvaluationError."""

from __future__ import annotations

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Any

from riskreg.errors import EvaluationError

# For one target: package key (e.g. "network.egress_default_deny") -> {"deny": [...], "warn": [...]}
TargetResults = dict[str, dict[str, list[Any]]]


class EngineTimeoutError(EvaluationError):
    """The engine did not answer within the timeout (a control may never end)."""


class EngineUnreachableError(EvaluationError):
    """The engine could not be reached, or hung up before answering."""


class EngineBoundError(EvaluationError):
    """The engine reached a resource bound riskreg set (its memory), and was stopped."""


class EngineAnswerError(EvaluationError):
    """The engine answered, but with an HTTP error, non-JSON, undefined or the wrong shape."""


class Engine(ABC):
    """Something that evaluates riskreg's controls; the real one is an OPA server."""

    @property
    @abstractmethod
    def version(self) -> str | None:
        """The engine's version (the OPA version), for reports."""

    @abstractmethod
    def evaluate(self, inputs: list[dict[str, Any]]) -> list[TargetResults]:
        """Results for each input, in order; raises EvaluationError, never returns a partial list."""

    def diagnose(self, inputs: list[dict[str, Any]], packages: list[str]) -> str | None:
        """After a bound was hit on `inputs`: the package key of the control that hits it alone,
        when the engine can find out (riskreg's own server can; remote servers cannot)."""
        return None

    def close(self) -> None:  # noqa: B027 - engines without resources need no close
        """Release the engine (stop a server riskreg started)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
