"""Control parameters of several policy roots: a project adds its own, never restates a built-in one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from riskreg.errors import InvalidInputError
from riskreg.policy.params import load_params


def _pack(folder: Path, params: dict[str, object]) -> Path:
    folder.mkdir(parents=True)
    (folder / "params.yaml").write_text(yaml.safe_dump({"riskreg_params": params}))
    return folder


def test_a_project_adds_parameters_for_its_own_controls(tmp_path: Path) -> None:
    builtin = _pack(tmp_path / "builtin", {"network": {"max_prefix": 8}, "mcp": {}})
    project = _pack(tmp_path / "project", {"network": {"acme_hosts": ["a"]}, "acme": {"x": 1}})
    assert load_params([builtin, project]) == {
        "network": {"max_prefix": 8, "acme_hosts": ["a"]},
        "mcp": {},
        "acme": {"x": 1},
    }
    assert load_params([builtin, tmp_path / "no-params"]) == load_params(builtin)


def test_a_project_restating_a_built_in_parameter_is_invalid_input(tmp_path: Path) -> None:
    builtin = _pack(tmp_path / "builtin", {"network": {"limits": {"max_prefix": 8}}})
    project = _pack(tmp_path / "project", {"network": {"limits": {"max_prefix": 16}}})
    with pytest.raises(InvalidInputError) as caught:
        load_params([builtin, project])
    message = caught.value.one_line()
    assert message.startswith(
        f"{project / 'params.yaml'}: riskreg_params.network.limits.max_prefix"
    )
    assert f"also set by {builtin / 'params.yaml'}" in message and "params = FILE" in message


def test_the_override_still_changes_built_in_values(tmp_path: Path) -> None:
    builtin = _pack(tmp_path / "builtin", {"network": {"max_prefix": 8}})
    project = _pack(tmp_path / "project", {"acme": {"x": 1}})
    override = tmp_path / "team.yaml"
    override.write_text(yaml.safe_dump({"riskreg_params": {"network": {"max_prefix": 4}}}))
    assert load_params([builtin, project], override) == {
        "network": {"max_prefix": 4},
        "acme": {"x": 1},
    }
