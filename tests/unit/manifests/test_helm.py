"""Tracing helm's output back to templates: `# Source:` headers, subcharts, the `kind:` line."""

from __future__ import annotations

import pytest

from riskreg.errors import InvalidInputError
from riskreg.manifests.helm import documents_from_stream, kind_line, split_sources
from riskreg.yamlsafe.limits import Limits

STREAM = """---
# Source: app/templates/empty.yaml
# nothing enabled
---
# Source: app/charts/redis/templates/sts.yaml
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: redis}
---
# Source: app/templates/all.yaml
apiVersion: v1
kind: ServiceAccount
metadata: {name: a}
---
# Source: app/templates/all.yaml
apiVersion: v1
kind: ServiceAccount
metadata: {name: b}
"""


def test_split_sources_strips_the_chart_name_and_keeps_subchart_paths() -> None:
    assert [source for source, _ in split_sources(STREAM)] == [
        "templates/empty.yaml",
        "charts/redis/templates/sts.yaml",
        "templates/all.yaml",
        "templates/all.yaml",
    ]


def test_documents_keep_order_index_per_template_and_skip_empty_templates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "all.yaml").write_text(
        "{{- range .Values.accounts }}\n---\napiVersion: v1\nkind: ServiceAccount\n{{- end }}\n"
    )
    documents = documents_from_stream(STREAM, tmp_path, "charts/app", Limits())
    assert [(d.path, d.index, d.line, d.contents["metadata"]["name"]) for d in documents] == [
        ("charts/app/charts/redis/templates/sts.yaml", 0, 1, "redis"),
        ("charts/app/templates/all.yaml", 0, 4, "a"),
        ("charts/app/templates/all.yaml", 1, 4, "b"),
    ]


def test_a_chart_that_renders_nothing_is_invalid_input(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInputError, match="renders no documents"):
        documents_from_stream("---\n# Source: app/templates/x.yaml\n", tmp_path, "app", Limits())


def test_rendered_yaml_riskreg_refuses_names_the_template(tmp_path) -> None:  # type: ignore[no-untyped-def]
    stream = "---\n# Source: app/templates/x.yaml\nkind: Pod\nkind: Pod\n"
    with pytest.raises(
        InvalidInputError, match=r"app/templates/x\.yaml \(rendered\):2:1: duplicate key"
    ):
        documents_from_stream(stream, tmp_path, "app", Limits())


@pytest.mark.parametrize(
    ("template", "kind", "occurrence", "line"),
    [
        ("apiVersion: v1\nkind: Service\n", "Service", 0, 2),
        (
            "spec:\n  scaleTargetRef:\n    kind: Deployment\n---\nkind: Deployment\n",
            "Deployment",
            0,
            5,
        ),
        ("kind: 'Job'\n---\nkind: \"Job\"  # second\n", "Job", 1, 3),
        ("kind: {{ .Values.kind }}\n", "Job", 0, 1),
        ("  kind: Secret\n", "Secret", 3, 1),
    ],
)
def test_kind_line(template: str, kind: str, occurrence: int, line: int) -> None:
    assert kind_line(template, kind, occurrence) == line
