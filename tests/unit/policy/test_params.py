"""policies/params.yaml: read as data.riskreg_params, refused when malformed, and its secret
patterns equal to the ones riskreg redacts with (conftest reads them from there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.policy.params import load_params
from riskreg.yamlsafe.secrets import PATTERNS

REPO = Path(__file__).resolve().parents[3]


def test_the_shipped_params_load() -> None:
    params = load_params(REPO / "policies")["riskreg_params"]
    assert "mcp" in params


def test_no_params_file_is_no_data(tmp_path: Path) -> None:
    assert load_params(tmp_path) == {}


@pytest.mark.parametrize(
    "text", ["mcp: {}\n", "riskreg_params: []\n", "riskreg_params: {}\nx: 1\n"]
)
def test_malformed_params_are_invalid_input(tmp_path: Path, text: str) -> None:
    (tmp_path / "params.yaml").write_text(text)
    with pytest.raises(InvalidInputError, match="riskreg_params"):
        load_params(tmp_path)


def test_conftest_secret_patterns_equal_riskregs() -> None:
    params = load_params(REPO / "policies")["riskreg_params"]
    assert params["mcp"]["secret_patterns"] == PATTERNS
