"""Charts rendered by the real `helm template`: documents traced to templates, values selection,
and every failure (missing dependency, bad template) as invalid input naming the chart."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import ExitCode, InvalidInputError
from riskreg.manifests.discover import discover
from riskreg.manifests.render import RenderOptions, ValuesChoice, render_folder
from riskreg.yamlsafe.limits import Limits
from tests.integration.manifests.conftest import CHARTS

LIMITS = Limits()


def _render(folder: Path, options: RenderOptions) -> dict[tuple[str, str], dict]:  # type: ignore[type-arg]
    target = render_folder(folder, folder.as_posix(), LIMITS, options)
    return {(doc.kind, doc.contents["metadata"]["name"]): doc.contents for doc in target.documents}


def test_documents_name_their_template_and_the_chart_is_the_target(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    chart = render_fixtures / "chart-values"
    target = render_folder(chart, chart.as_posix(), LIMITS, tools)
    assert target.name == "render/chart-values"
    placed = [(doc.path, doc.index, doc.line, doc.kind) for doc in target.documents]
    # Both documents come from one template; the line is that of each document's `kind:`.
    assert placed == [
        ("render/chart-values/templates/deployment.yaml", 0, 3, "ServiceAccount"),
        ("render/chart-values/templates/deployment.yaml", 1, 9, "Deployment"),
    ]
    assert "render/chart-values/values.yaml" in target.files
    assert "render/chart-values/templates/_helpers.tpl" in target.files


def test_release_is_named_after_the_chart(render_fixtures: Path, tools: RenderOptions) -> None:
    documents = _render(render_fixtures / "chart-values", tools)
    assert ("Deployment", "agent") in documents


def test_default_values_are_the_charts_own(render_fixtures: Path, tools: RenderOptions) -> None:
    documents = _render(render_fixtures / "chart-values", tools)
    container = documents[("Deployment", "agent")]["spec"]["template"]["spec"]["containers"][0]
    assert container["securityContext"]["privileged"] is False
    assert ("ConfigMap", "agent-extra") not in documents


def test_values_for_this_chart_are_applied_in_order(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    chart = render_fixtures / "chart-values"
    chosen = (
        ValuesChoice(chart / "values-insecure.yaml", chart),
        ValuesChoice(chart / "values-extra.yaml", None),
    )
    documents = _render(chart, RenderOptions(tools.helm, tools.kustomize, values=chosen))
    container = documents[("Deployment", "agent")]["spec"]["template"]["spec"]["containers"][0]
    assert container["securityContext"]["privileged"] is True
    assert ("ConfigMap", "agent-extra") in documents


def test_values_for_another_chart_are_not_applied(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    chart = render_fixtures / "chart-values"
    other = ValuesChoice(chart / "values-insecure.yaml", render_fixtures / "chart-bad-template")
    documents = _render(chart, RenderOptions(tools.helm, tools.kustomize, values=(other,)))
    container = documents[("Deployment", "agent")]["spec"]["template"]["spec"]["containers"][0]
    assert container["securityContext"]["privileged"] is False


def test_missing_dependency_is_invalid_input_with_helms_message(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    chart = render_fixtures / "chart-missing-dependency"
    with pytest.raises(InvalidInputError) as caught:
        render_folder(chart, chart.as_posix(), LIMITS, tools)
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    message = caught.value.one_line()
    assert message.startswith("render/chart-missing-dependency: helm failed:")
    assert "missing in charts/ directory: redis" in message
    assert "\n" not in str(caught.value)


def test_bad_template_is_invalid_input_naming_file_and_line(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    chart = render_fixtures / "chart-bad-template"
    with pytest.raises(InvalidInputError, match=r"bad-template/templates/deployment\.yaml:6"):
        render_folder(chart, chart.as_posix(), LIMITS, tools)


def test_discovery_renders_a_chart_and_never_reads_its_templates_as_yaml(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    (targets,) = list(discover([str(render_fixtures / "chart-values")], LIMITS, tools))
    assert {doc.kind for doc in targets.documents} == {"ServiceAccount", "Deployment"}


@pytest.mark.parametrize(
    "chart", sorted(p for p in CHARTS.iterdir() if p.is_dir()), ids=lambda p: p.name[:40]
)
def test_every_shared_chart_renders_with_its_defaults(chart: Path, tools: RenderOptions) -> None:
    target = render_folder(chart, chart.name, LIMITS, tools)
    assert target.documents
    for document in target.documents:
        assert document.path.startswith(f"{chart.name}/templates/")
        assert (chart / document.path.removeprefix(f"{chart.name}/")).is_file()
        assert document.contents["kind"]


@pytest.mark.parametrize("link_to", ["../..", "/etc/passwd"])
def test_a_symlink_out_of_the_chart_is_refused(
    render_fixtures: Path, tools: RenderOptions, link_to: str
) -> None:
    chart = render_fixtures / "chart-values"
    (chart / "files").mkdir()
    (chart / "files" / "leak").symlink_to(link_to)
    with pytest.raises(InvalidInputError, match=r"chart-values/files/leak: symlink out of"):
        render_folder(chart, chart.as_posix(), LIMITS, tools)


def test_a_symlink_inside_the_chart_is_fine(render_fixtures: Path, tools: RenderOptions) -> None:
    chart = render_fixtures / "chart-values"
    (chart / "values-link.yaml").symlink_to("values-insecure.yaml")
    assert render_folder(chart, chart.as_posix(), LIMITS, tools).documents


def test_a_symlink_loop_inside_the_chart_is_invalid_input(
    render_fixtures: Path, tools: RenderOptions
) -> None:
    chart = render_fixtures / "chart-values"
    (chart / "files").mkdir()
    (chart / "files" / "loop").symlink_to("..")
    with pytest.raises(InvalidInputError, match="too many levels of symbolic links"):
        render_folder(chart, chart.as_posix(), LIMITS, tools)
