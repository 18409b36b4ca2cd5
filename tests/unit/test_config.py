"""Settings resolution: flag > RISKREG_* variable > [tool.riskreg] > default, in one function."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from riskreg.config import ABSENT, Flags, resolve_settings
from riskreg.errors import InvalidInputError, UsageError
from riskreg.models.severity import Severity

# Every flag a command like `check` has, none given: variables and config may apply.
ALL_FLAGS = Flags(
    risks=None, policies=None, opa_binary=None, fail_on=None, timeout=None, jobs=None,
    waivers=None, baseline=None, record=None, history=None, now=None, opa_urls=None,
)  # fmt: skip


def project(tmp_path: Path, table: str, name: str = "pyproject.toml") -> Path:
    folder = tmp_path / "project"
    (folder / "deep" / "er").mkdir(parents=True)
    header = "[tool.riskreg]\n" if name == "pyproject.toml" else ""
    (folder / name).write_text(header + table, encoding="utf-8")
    return folder


def test_defaults_without_config(tmp_path: Path) -> None:
    settings = resolve_settings(ALL_FLAGS, env={}, start=tmp_path)
    assert settings.risks == Path("risks")
    assert settings.policies == Path("policies")
    assert settings.opa_binary is None
    assert settings.fail_on is Severity.LOW
    assert settings.timeout == 30.0
    assert settings.jobs == 0
    assert settings.limits.max_file_size == 8 * 1024 * 1024
    assert settings.limits.max_nodes == 250_000
    assert settings.limits.follow_symlinks is False
    assert (settings.waivers, settings.baseline, settings.record) == (None, None, False)
    assert settings.history == Path(".riskreg/history.sqlite")
    assert settings.waiver_warn_days == 14
    assert settings.opa_urls == ()
    assert settings.batch_size == 64


def test_config_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    folder = project(
        tmp_path,
        'risks = "reg"\npolicies = "../pol"\nwaivers = "w.yaml"\nbaseline = "b.json"\n'
        'history = "h/db.sqlite"\n',
    )
    settings = resolve_settings(ALL_FLAGS, env={}, start=folder / "deep" / "er")
    root = folder.resolve()
    assert settings.risks == root / "reg"
    assert settings.policies == root / "../pol"
    assert settings.waivers == root / "w.yaml"
    assert settings.baseline == root / "b.json"
    assert settings.history == root / "h/db.sqlite"


def test_config_values_over_defaults(tmp_path: Path) -> None:
    table = (
        'fail_on = "high"\ntimeout = 5\nmax_file_size = 1024\nmax_yaml_nodes = 100\n'
        "follow_symlinks = true\nrecord = true\nwaiver_warn_days = 3\n"
    )
    settings = resolve_settings(ALL_FLAGS, env={}, start=project(tmp_path, table))
    assert settings.fail_on is Severity.HIGH
    assert settings.timeout == 5.0
    assert (settings.limits.max_file_size, settings.limits.max_nodes) == (1024, 100)
    assert settings.limits.follow_symlinks is True
    assert settings.record is True
    assert settings.waiver_warn_days == 3


def test_riskreg_toml_is_read_like_the_pyproject_table(tmp_path: Path) -> None:
    folder = project(tmp_path, 'fail_on = "critical"\n', name="riskreg.toml")
    assert resolve_settings(ALL_FLAGS, env={}, start=folder).fail_on is Severity.CRITICAL


def test_variable_over_config_and_flag_over_variable(tmp_path: Path) -> None:
    folder = project(tmp_path, 'fail_on = "critical"\nrisks = "from-config"\ntimeout = 5\n')
    env = {"RISKREG_FAIL_ON": "medium", "RISKREG_RISKS": "from-env", "RISKREG_TIMEOUT": "7"}
    by_env = resolve_settings(ALL_FLAGS, env=env, start=folder)
    assert (by_env.fail_on, by_env.risks, by_env.timeout) == (
        Severity.MEDIUM, Path("from-env"), 7.0,
    )  # fmt: skip
    flags = Flags(fail_on=Severity.HIGH, risks=Path("from-flag"), timeout=9.0)
    by_flag = resolve_settings(flags, env=env, start=folder)
    assert (by_flag.fail_on, by_flag.risks, by_flag.timeout) == (
        Severity.HIGH, Path("from-flag"), 9.0,
    )  # fmt: skip


def test_every_variable_is_read(tmp_path: Path) -> None:
    env = {
        "RISKREG_POLICIES": "p", "RISKREG_OPA": "/bin/opa", "RISKREG_JOBS": "3",
        "RISKREG_WAIVERS": "w.yaml", "RISKREG_BASELINE": "b.json", "RISKREG_RECORD": "yes",
        "RISKREG_HISTORY": "h.sqlite", "RISKREG_NOW": "2026-01-31T12:00:00",
        "RISKREG_OPA_URL": "http://a:1 http://b:2",
    }  # fmt: skip
    settings = resolve_settings(ALL_FLAGS, env=env, start=tmp_path)
    assert settings.policies == Path("p")
    assert settings.opa_binary == Path("/bin/opa")
    assert settings.jobs == 3
    assert (settings.waivers, settings.baseline) == (Path("w.yaml"), Path("b.json"))
    assert settings.record is True
    assert settings.history == Path("h.sqlite")
    assert settings.now == dt.datetime(2026, 1, 31, 12, tzinfo=dt.UTC)
    assert settings.opa_urls == ("http://a:1", "http://b:2")


def test_a_command_without_the_flag_ignores_its_variable(tmp_path: Path) -> None:
    """`report` has no --baseline or --record: RISKREG_BASELINE must not reach it, config may."""
    folder = project(tmp_path, 'baseline = "known.json"\n')
    env = {"RISKREG_BASELINE": "other.json", "RISKREG_RECORD": "1", "RISKREG_OPA_URL": "http://x:1"}
    settings = resolve_settings(Flags(baseline=ABSENT), env=env, start=folder)
    assert settings.baseline == folder.resolve() / "known.json"
    assert settings.record is False
    assert settings.opa_urls == ()


def test_false_and_zero_flags_win(tmp_path: Path) -> None:
    folder = project(tmp_path, "record = true\n")
    env = {"RISKREG_RECORD": "true", "RISKREG_JOBS": "4"}
    settings = resolve_settings(Flags(record=False, jobs=0), env=env, start=folder)
    assert (settings.record, settings.jobs) == (False, 0)


def test_empty_variable_counts_as_unset(tmp_path: Path) -> None:
    folder = project(tmp_path, 'fail_on = "high"\n')
    assert resolve_settings(ALL_FLAGS, env={"RISKREG_FAIL_ON": ""}, start=folder).fail_on is (
        Severity.HIGH
    )


def test_jobs_is_not_read_from_config(tmp_path: Path) -> None:
    assert resolve_settings(ALL_FLAGS, env={}, start=project(tmp_path, "jobs = 5\n")).jobs == 0


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("RISKREG_FAIL_ON", "severe"),
        ("RISKREG_TIMEOUT", "soon"),
        ("RISKREG_JOBS", "-1"),
        ("RISKREG_RECORD", "maybe"),
        ("RISKREG_NOW", "yesterday"),
    ],
)
def test_bad_variable_is_a_usage_error(tmp_path: Path, variable: str, value: str) -> None:
    with pytest.raises(UsageError, match=value):
        resolve_settings(ALL_FLAGS, env={variable: value}, start=tmp_path)


@pytest.mark.parametrize(
    ("table", "needle"),
    [
        ('fail_on = "severe"\n', "fail_on"),
        ('colour = "blue"\n', "unknown setting 'colour'"),
        ("risks = \n", "not valid TOML"),
    ],
)
def test_bad_config_is_invalid_input(tmp_path: Path, table: str, needle: str) -> None:
    with pytest.raises(InvalidInputError, match=needle):
        resolve_settings(ALL_FLAGS, env={}, start=project(tmp_path, table))


def test_bad_configured_fail_on_is_reported_even_when_a_flag_is_given(tmp_path: Path) -> None:
    folder = project(tmp_path, 'fail_on = "severe"\n')
    with pytest.raises(InvalidInputError, match="fail_on"):
        resolve_settings(Flags(fail_on=Severity.LOW), env={}, start=folder)


def test_now_without_zone_is_utc_and_now_ns_follows(tmp_path: Path) -> None:
    settings = resolve_settings(Flags(now="2026-01-31T00:00:00"), env={}, start=tmp_path)
    assert settings.now.tzinfo is dt.UTC
    assert settings.now_ns == int(settings.now.timestamp()) * 1_000_000_000


def test_gates_default_to_controls_and_come_from_config_variable_or_flag(tmp_path: Path) -> None:
    from riskreg.models.gate import Gate

    gated = Flags(gates=None, user=None)
    assert resolve_settings(gated, env={}, start=tmp_path).gates == (Gate.CONTROLS,)
    folder = project(tmp_path, 'gate = ["controls", "residual"]\n')
    assert resolve_settings(gated, env={}, start=folder).gates == (Gate.CONTROLS, Gate.RESIDUAL)
    env = {"RISKREG_GATE": "residual"}
    assert resolve_settings(gated, env=env, start=folder).gates == (Gate.RESIDUAL,)
    flag = Flags(gates=(Gate.CONTROLS,))
    assert resolve_settings(flag, env=env, start=folder).gates == (Gate.CONTROLS,)
    # a command without --gate (report, coverage) ignores the variable, not the config key
    assert resolve_settings(Flags(), env=env, start=folder).gates == (
        Gate.CONTROLS,
        Gate.RESIDUAL,
    )


def test_bad_gates_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="gate"):
        resolve_settings(Flags(), env={}, start=project(tmp_path, 'gate = ["everything"]\n'))
    with pytest.raises(UsageError, match="RISKREG_GATE"):
        resolve_settings(Flags(gates=None), env={"RISKREG_GATE": "nope"}, start=tmp_path)


def test_user_comes_from_the_flag_or_riskreg_user(tmp_path: Path) -> None:
    flags = Flags(user=None)
    assert resolve_settings(flags, env={}, start=tmp_path).user is None
    env = {"RISKREG_USER": "alice@example.com"}
    assert resolve_settings(flags, env=env, start=tmp_path).user == "alice@example.com"
    assert resolve_settings(Flags(user="bob"), env=env, start=tmp_path).user == "bob"
