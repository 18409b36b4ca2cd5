"""Strings from RISKREG_* variables (and --now) read as typed values, the way Typer reads them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from riskreg.errors import UsageError
from riskreg.models.gate import Gate
from riskreg.models.severity import Severity

# Setting -> the variable that stands for its flag.
ENVIRONMENT: Mapping[str, str] = {
    "risks": "RISKREG_RISKS",
    "policies": "RISKREG_POLICIES",
    "opa_binary": "RISKREG_OPA",
    "fail_on": "RISKREG_FAIL_ON",
    "timeout": "RISKREG_TIMEOUT",
    "jobs": "RISKREG_JOBS",
    "waivers": "RISKREG_WAIVERS",
    "baseline": "RISKREG_BASELINE",
    "record": "RISKREG_RECORD",
    "history": "RISKREG_HISTORY",
    "now": "RISKREG_NOW",
    "opa_urls": "RISKREG_OPA_URL",
    "context": "RISKREG_CONTEXT",
    "require_verified": "RISKREG_REQUIRE_VERIFIED",
    "builtins": "RISKREG_BUILTINS",
    "opa_memory": "RISKREG_OPA_MEMORY",
    "gates": "RISKREG_GATE",
    "user": "RISKREG_USER",
    "verification_key": "RISKREG_VERIFICATION_KEY",
    "require_signed": "RISKREG_REQUIRE_SIGNED",
    "warm": "RISKREG_WARM",
    "idle_timeout": "RISKREG_IDLE_TIMEOUT",
}


def path_value(_variable: str, raw: str) -> Path:
    return Path(raw)


def text_value(_variable: str, raw: str) -> str:
    return raw


def words_value(_variable: str, raw: str) -> tuple[str, ...]:
    return tuple(raw.split())  # a repeatable flag's variable holds its values space-separated


def gates_value(variable: str, raw: str) -> tuple[Gate, ...]:
    """Gate names separated by spaces or commas, e.g. `controls,residual`."""
    names = raw.replace(",", " ").split()
    try:
        return tuple(dict.fromkeys(Gate(name) for name in names))
    except ValueError:
        raise UsageError(
            f"{variable}={raw!r}: expected one or more of {', '.join(g.value for g in Gate)}"
        ) from None


def severity_value(variable: str, raw: str) -> Severity:
    try:
        return Severity(raw)
    except ValueError:
        raise UsageError(
            f"{variable}={raw!r}: expected one of {', '.join(level.value for level in Severity)}"
        ) from None


def float_value(variable: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise UsageError(f"{variable}={raw!r}: expected a number of seconds") from None


def count_value(variable: str, raw: str) -> int:
    if not raw.isdigit():
        raise UsageError(f"{variable}={raw!r}: expected a whole number >= 0")
    return int(raw)


TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
FALSE = frozenset({"0", "false", "f", "no", "n", "off"})


def bool_value(variable: str, raw: str) -> bool:
    if raw.strip().lower() in TRUE | FALSE:
        return raw.strip().lower() in TRUE
    raise UsageError(f"{variable}={raw!r}: expected true or false")


def parse_now(now: str | None) -> dt.datetime:
    """The --now clock override (ISO 8601; UTC when no zone is given), else the current second."""
    if now is None:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        parsed = dt.datetime.fromisoformat(now)
    except ValueError:
        raise UsageError(
            f"--now {now!r}: expected ISO 8601, e.g. 2026-01-31T12:00:00+00:00"
        ) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
