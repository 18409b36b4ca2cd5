"""The CLI edge: every kind of failure becomes one `error:` line and its exit code."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer

from riskreg.cli import app as app_module
from riskreg.errors import EvaluationError, InvalidInputError, UsageError


def _raise(error: BaseException) -> None:
    raise error


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (UsageError("bad flag"), 2),
        (InvalidInputError("risks/x.yaml:3: id: bad"), 3),
        (EvaluationError("opa died"), 4),
        (RuntimeError("boom"), 4),
        (KeyboardInterrupt(), 4),
    ],
)
def test_run_maps_exceptions_to_codes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
) -> None:
    monkeypatch.setattr(app_module, "app", lambda **_: _raise(error))
    assert app_module.run(["anything"]) == code
    captured = capsys.readouterr()
    assert captured.err.startswith("error: ")
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_debug_shows_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(app_module, "app", lambda **_: _raise(InvalidInputError("bad")))
    assert app_module.run(["--debug", "x"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_typer_exit_code_is_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake(**_: object) -> int:
        return 1

    monkeypatch.setattr(app_module, "app", fake)
    assert app_module.run([]) == 1
    assert typer  # the real app is a Typer app


def test_unknown_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert app_module.run(["doctor", "--no-such-flag"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_version_and_help_in_subprocess() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "riskreg", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("riskreg ")
    helped = subprocess.run(
        [sys.executable, "-m", "riskreg", "--help"], capture_output=True, text=True, check=False
    )
    assert helped.returncode == 0
    assert "Exit codes" in helped.stdout


def test_help_imports_no_models_or_clients() -> None:
    """`riskreg --help` must stay fast: no pydantic models, OPA client, YAML or workbook reader."""
    heavy = ("pydantic", "opa_client", "requests", "yaml", "openpyxl", "networkx", "jinja2")
    code = f"import sys, riskreg.cli.app;print(sorted(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_write_atomic_gives_reports_the_usual_file_mode(tmp_path: object) -> None:
    import os
    from pathlib import Path

    from riskreg.cli.console import write_atomic

    target = Path(str(tmp_path)) / "report.json"
    old = os.umask(0o022)
    try:
        write_atomic(target, "{}\n")
    finally:
        os.umask(old)
    assert target.read_text() == "{}\n"
    assert target.stat().st_mode & 0o777 == 0o644
