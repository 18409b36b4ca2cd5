"""Settings for context folders, the require-verified gate and enforcement actions (config.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.config import Flags, resolve_settings
from riskreg.errors import InvalidInputError


def _project(tmp_path: Path, table: str) -> Path:
    (tmp_path / "riskreg.toml").write_text(table, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    return tmp_path / "sub"


def test_pass_context_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    start = _project(tmp_path, 'context = ["cluster", "ns/agents"]\n')
    settings = resolve_settings(Flags(context=None), env={}, start=start)
    assert settings.context == (str(tmp_path / "cluster"), str(tmp_path / "ns/agents"))


def test_pass_flag_then_variable_then_config(tmp_path: Path) -> None:
    start = _project(tmp_path, 'context = ["cluster"]\nrequire_verified = true\n')
    env = {"RISKREG_CONTEXT": "a b", "RISKREG_REQUIRE_VERIFIED": "false"}
    from_env = resolve_settings(Flags(context=None, require_verified=None), env=env, start=start)
    assert from_env.context == ("a", "b") and from_env.require_verified is False
    flagged = resolve_settings(Flags(context=("x",), require_verified=True), env=env, start=start)
    assert flagged.context == ("x",) and flagged.require_verified is True
    # A command without the flags reads the configuration only.
    configured = resolve_settings(Flags(), env=env, start=start)
    assert configured.require_verified is True


def test_pass_enforcement_table(tmp_path: Path) -> None:
    start = _project(tmp_path, '[enforcement]\n"NET-*" = "warn"\n"ISO-004" = "off"\n')
    assert resolve_settings(Flags(), env={}, start=start).enforcement == {
        "NET-*": "warn",
        "ISO-004": "off",
    }


@pytest.mark.parametrize(
    "table",
    ['[enforcement]\n"NET-001" = "dryrun"\n', 'enforcement = "warn"\n', 'context = "cluster"\n'],
)
def test_deny_malformed_settings(tmp_path: Path, table: str) -> None:
    start = _project(tmp_path, table)
    with pytest.raises(InvalidInputError):
        resolve_settings(Flags(), env={}, start=start)
