"""Which folders render, and which values files each chart gets from `--values` and the config."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import ExitCode, InvalidInputError, UsageError
from riskreg.manifests.render import (
    RenderOptions,
    ValuesChoice,
    parse_values_option,
    renderer_for,
    values_from_config,
)


@pytest.fixture
def charts(tmp_path: Path) -> Path:
    for name in ("api", "worker"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Chart.yaml").write_text(
            f"apiVersion: v2\nname: {name}\nversion: 1.0.0\n"
        )
        (tmp_path / name / "values-prod.yaml").write_text("replicas: 3\n")
    (tmp_path / "common.yaml").write_text("team: ml\n")
    return tmp_path


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["Chart.yaml"], "helm"),
        (["kustomization.yaml"], "kustomize"),
        (["kustomization.yml"], "kustomize"),
        (["Kustomization"], "kustomize"),
        (["deployment.yaml", "chart.yaml.bak"], None),
    ],
)
def test_renderer_for(tmp_path: Path, files: list[str], expected: str | None) -> None:
    for name in files:
        (tmp_path / name).write_text("x: 1\n")
    assert renderer_for(tmp_path) == expected


def test_a_folder_that_is_both_chart_and_kustomization_is_refused(tmp_path: Path) -> None:
    (tmp_path / "Chart.yaml").write_text("name: x\n")
    (tmp_path / "kustomization.yaml").write_text("resources: []\n")
    with pytest.raises(InvalidInputError, match=r"both Chart\.yaml and a kustomization"):
        renderer_for(tmp_path)


def test_values_option_for_one_chart_and_for_every_chart(charts: Path) -> None:
    choices = parse_values_option(["api=api/values-prod.yaml", "common.yaml"], charts)
    options = RenderOptions(values=choices)
    assert options.values_for(charts / "api") == [
        charts / "api/values-prod.yaml",
        charts / "common.yaml",
    ]
    assert options.values_for(charts / "worker") == [charts / "common.yaml"]


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ("api/values-dev.yaml", "no such values file"),
        ("nochart=common.yaml", "not a chart folder"),
    ],
)
def test_values_option_mistakes_are_usage_errors(charts: Path, spec: str, problem: str) -> None:
    with pytest.raises(UsageError, match=problem) as caught:
        parse_values_option([spec], charts)
    assert caught.value.exit_code is ExitCode.USAGE


def test_config_values_are_relative_to_the_config_file(charts: Path) -> None:
    config = charts / "pyproject.toml"
    choices = values_from_config(
        {"worker": ["worker/values-prod.yaml"], "*": ["common.yaml"]}, config
    )
    options = RenderOptions(config_values=choices)
    assert options.values_for(charts / "worker") == [
        charts / "worker/values-prod.yaml",
        charts / "common.yaml",
    ]
    assert options.values_for(charts / "api") == [charts / "common.yaml"]


def test_values_option_replaces_config_values_for_the_charts_it_names(charts: Path) -> None:
    options = RenderOptions(
        values=(ValuesChoice(charts / "api/values-prod.yaml", charts / "api"),),
        config_values=(ValuesChoice(charts / "common.yaml"),),
    )
    assert options.values_for(charts / "api") == [charts / "api/values-prod.yaml"]
    assert options.values_for(charts / "worker") == [charts / "common.yaml"]


@pytest.mark.parametrize(
    ("table", "problem"),
    [
        (["values.yaml"], "expected a table"),
        ({"api": "values.yaml"}, "expected a list"),
        ({"api": ["api/values-missing.yaml"]}, "no such values file"),
    ],
)
def test_config_mistakes_are_invalid_input(charts: Path, table: object, problem: str) -> None:
    with pytest.raises(InvalidInputError, match=problem):
        values_from_config(table, charts / "pyproject.toml")


def test_project_options_read_tool_riskreg(charts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from riskreg.config import Flags, resolve_settings
    from riskreg.run.evaluation import render_options

    (charts / "riskreg.toml").write_text(
        'render_timeout = 5\n[helm_values]\n"api" = ["api/values-prod.yaml"]\n'
    )
    monkeypatch.chdir(charts)
    options = render_options(resolve_settings(Flags(values=("common.yaml",)), env={}))
    assert options.timeout == 5
    assert options.values_for(charts / "api") == [Path("common.yaml").absolute()]
    assert options.values_for(charts / "worker") == [Path("common.yaml").absolute()]
