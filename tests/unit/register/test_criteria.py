"""risks/criteria.yaml: defaults when absent, file:line on errors, the committed file."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import ExitCode, InvalidInputError
from riskreg.models.criteria import Criteria
from riskreg.register.criteria import CRITERIA_FILE, load_criteria, render_criteria
from riskreg.register.store import register_paths

from .systems_data import COMMITTED


def test_absent_file_means_defaults(tmp_path: Path) -> None:
    assert load_criteria(tmp_path) == Criteria()


def test_committed_criteria_are_the_defaults_written_out() -> None:
    assert load_criteria(COMMITTED) == Criteria()


def test_rendered_criteria_read_back(tmp_path: Path) -> None:
    (tmp_path / CRITERIA_FILE).write_text(render_criteria(Criteria()), encoding="utf-8")
    assert load_criteria(tmp_path) == Criteria()


def test_invalid_criteria_name_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / CRITERIA_FILE).write_text(
        "scale:\n  levels: [low, high]\nresidual:\n  likelihood_steps: {verified: -1}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as caught:
        load_criteria(tmp_path)
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    assert f"{CRITERIA_FILE}:" in caught.value.message and "more" in caught.value.message


def test_criteria_file_is_not_a_register_file() -> None:
    assert COMMITTED / CRITERIA_FILE not in register_paths(COMMITTED)
