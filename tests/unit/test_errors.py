"""The exit-code contract: each kind of error maps to exactly one code, and none maps to 0 or 1."""

from __future__ import annotations

import pytest

from riskreg.errors import (
    EvaluationError,
    ExitCode,
    InvalidInputError,
    RiskregError,
    ToolMissingError,
    UsageError,
)


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UsageError("x"), 2),
        (InvalidInputError("x"), 3),
        (EvaluationError("x"), 4),
        (ToolMissingError("x"), 4),
        (RiskregError("x"), 4),
    ],
)
def test_error_exit_codes(error: RiskregError, code: int) -> None:
    assert int(error.exit_code) == code


def test_exit_code_values_are_the_contract() -> None:
    assert [int(c) for c in ExitCode] == [0, 1, 2, 3, 4]
    assert [c.name for c in ExitCode] == [
        "CLEAN",
        "VIOLATIONS",
        "USAGE",
        "INVALID_INPUT",
        "EVALUATION_FAILED",
    ]


def test_one_line_collapses_whitespace_and_adds_hint() -> None:
    error = InvalidInputError("bad\n  file", hint="fix it")
    assert error.one_line() == "bad file (fix it)"
