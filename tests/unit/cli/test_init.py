"""`riskreg init`: a starter configuration, an empty waivers file and a CI workflow, never over anything."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
import yaml

from riskreg.cli.app import run
from riskreg.config import DEFAULTS, load_project_config, resolve_settings
from riskreg.workflow.waivers import load_waivers
from tests.conftest import REPO

STARTER = ("riskreg.toml", "risks/waivers.yaml", ".github/workflows/riskreg.yml")


def _state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _uncommented(text: str) -> str:
    """The template with its commented keys and tables switched on."""
    setting = re.compile(r'^# ((?:\[[\w.]+\])|(?:"?[\w*./-]+"? = .*))$')
    return "\n".join(
        match.group(1) if (match := setting.match(line)) else line for line in text.splitlines()
    )


def test_init_writes_three_files_that_riskreg_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["init", str(tmp_path)]) == 0
    assert sorted(_state(tmp_path)) == sorted(STARTER)
    config = load_project_config(tmp_path)
    assert config.path == tmp_path / "riskreg.toml" and config.values == {}
    assert load_waivers(tmp_path / "risks" / "waivers.yaml") == []
    schema = json.loads((REPO / "riskreg" / "schemas" / "waivers.schema.json").read_text())
    jsonschema.validate(yaml.safe_load((tmp_path / "risks/waivers.yaml").read_text()), schema)
    assert "wrote riskreg.toml" in capsys.readouterr().err.replace(f"{tmp_path}/", "")


def test_every_commented_key_is_a_real_setting(tmp_path: Path) -> None:
    (tmp_path / "riskreg.toml").write_text(
        _uncommented((REPO / "templates" / "riskreg.toml").read_text())
    )
    config = load_project_config(tmp_path)  # an unknown key would be invalid input
    assert {"builtins", "policies", "risks", "fail_on", "enforcement", "helm_values"} <= set(
        config.values
    )
    assert set(config.values) <= set(DEFAULTS)
    for key, value in config.values.items():
        if key not in ("context", "helm_values", "enforcement", "params", "baseline", "waivers"):
            assert value == DEFAULTS[key], key  # the values shown are the defaults
    assert resolve_settings(start=tmp_path, env={}).builtins is True


def test_an_existing_pyproject_gets_a_tool_riskreg_table(tmp_path: Path) -> None:
    original = '[project]\nname = "x"\n\n[tool.ruff]\nline-length = 100\n'
    (tmp_path / "pyproject.toml").write_text(original)
    assert run(["init", str(tmp_path)]) == 0
    text = (tmp_path / "pyproject.toml").read_text()
    assert text.startswith(original)  # only added to
    parsed = tomllib.loads(_uncommented(text))
    assert parsed["tool"]["ruff"] == {"line-length": 100}
    assert parsed["tool"]["riskreg"]["enforcement"] == {"NET-004": "warn"}
    assert load_project_config(tmp_path).path == tmp_path / "pyproject.toml"
    assert not (tmp_path / "riskreg.toml").exists()


@pytest.mark.parametrize(
    ("existing", "named"),
    [
        ("riskreg.toml", "riskreg.toml: exists"),
        ("risks/waivers.yaml", "risks/waivers.yaml: exists"),
        (".github/workflows/riskreg.yml", ".github/workflows/riskreg.yml: exists"),
        ("pyproject.toml", "pyproject.toml: already has a [tool.riskreg] table"),
    ],
)
def test_init_refuses_to_overwrite_and_writes_nothing(
    existing: str, named: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / existing
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[tool.riskreg]\n" if existing == "pyproject.toml" else "mine\n")
    before = _state(tmp_path)
    assert run(["init", str(tmp_path)]) == 3
    assert _state(tmp_path) == before
    assert f"error: {tmp_path / named}" in capsys.readouterr().err


def test_the_workflow_uses_the_actions_real_inputs(tmp_path: Path) -> None:
    assert run(["init", str(tmp_path)]) == 0
    text = (tmp_path / ".github" / "workflows" / "riskreg.yml").read_text()
    workflow = yaml.safe_load(_uncommented_yaml(text))
    inputs = yaml.safe_load((REPO / "action.yml").read_text())["inputs"]
    (step,) = [s for s in workflow["jobs"]["riskreg"]["steps"] if "riskreg@" in s.get("uses", "")]
    assert step["uses"].endswith("/riskreg@v0.1.0")
    assert set(step["with"]) <= set(inputs)
    assert {"paths", "fail-on", "builtins", "policies", "risks", "waivers", "baseline"} <= set(
        step["with"]
    )
    required = {name for name, spec in inputs.items() if spec.get("required")}
    assert required <= set(yaml.safe_load(text)["jobs"]["riskreg"]["steps"][1]["with"])


def _uncommented_yaml(text: str) -> str:
    return re.sub(r"^(\s+)# ([\w-]+: )", r"\1\2", text, flags=re.MULTILINE)
