"""Settings for `riskreg serve` and `check --warm`: warm, idle_timeout, and what they exclude."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.config import Flags, resolve_settings
from riskreg.errors import InvalidInputError, UsageError


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "riskreg.toml").write_text(table, encoding="utf-8")
    return tmp_path


def test_pass_warm_and_idle_timeout_flag_then_variable_then_config(tmp_path: Path) -> None:
    start = _project(tmp_path, "warm = true\nidle_timeout = 60\n")
    configured = resolve_settings(Flags(warm=None, idle_timeout=None), env={}, start=start)
    assert (configured.warm, configured.idle_timeout) == (True, 60.0)
    env = {"RISKREG_WARM": "0", "RISKREG_IDLE_TIMEOUT": "5"}
    from_env = resolve_settings(Flags(warm=None, idle_timeout=None), env=env, start=start)
    assert (from_env.warm, from_env.idle_timeout) == (False, 5.0)
    flagged = resolve_settings(Flags(warm=True, idle_timeout=3.0), env=env, start=start)
    assert (flagged.warm, flagged.idle_timeout) == (True, 3.0)


def test_pass_defaults_off_and_900_seconds(tmp_path: Path) -> None:
    settings = resolve_settings(Flags(warm=None, idle_timeout=None), env={}, start=tmp_path)
    assert (settings.warm, settings.idle_timeout) == (False, 900.0)


def test_deny_warm_with_opa_url_from_any_source(tmp_path: Path) -> None:
    start = _project(tmp_path, "warm = true\n")
    with pytest.raises(UsageError, match="--warm and --opa-url"):
        resolve_settings(Flags(opa_urls=("http://127.0.0.1:8181",)), env={}, start=start)
    env = {"RISKREG_WARM": "1", "RISKREG_OPA_URL": "http://127.0.0.1:8181"}
    with pytest.raises(UsageError, match="--warm and --opa-url"):
        resolve_settings(Flags(warm=None, opa_urls=None), env=env, start=tmp_path)


def test_deny_idle_timeout_not_positive(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="expected seconds > 0"):
        resolve_settings(Flags(idle_timeout=0.0), env={}, start=tmp_path)


def test_deny_warm_not_a_boolean_in_config(tmp_path: Path) -> None:
    start = _project(tmp_path, 'warm = "yes"\n')
    with pytest.raises(InvalidInputError, match="warm: expected true or false"):
        resolve_settings(Flags(), env={}, start=start)
