"""Exit codes and the exceptions that carry them; nothing else in riskreg decides an exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The process exit codes of every riskreg command (the CI-gate contract)."""

    CLEAN = 0
    VIOLATIONS = 1
    USAGE = 2
    INVALID_INPUT = 3
    EVALUATION_FAILED = 4


class RiskregError(Exception):
    """Base of every error riskreg reports to a user; carries its exit code and an optional hint."""

    exit_code: ExitCode = ExitCode.EVALUATION_FAILED

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message as the single line printed after `error: `."""
        text = " ".join(self.message.split())
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class UsageError(RiskregError):
    """The command line itself is wrong: unknown option value, missing argument, bad combination."""

    exit_code = ExitCode.USAGE


class InvalidInputError(RiskregError):
    """An input file (register, manifest, policy, waiver, import source) is malformed or invalid."""

    exit_code = ExitCode.INVALID_INPUT


class EvaluationError(RiskregError):
    """Evaluation could not be completed: OPA missing, crashed, timed out, undefined or HTTP error."""

    exit_code = ExitCode.EVALUATION_FAILED


class ToolMissingError(EvaluationError):
    """A required external tool (opa, conftest, regal) is missing or of the wrong version."""
