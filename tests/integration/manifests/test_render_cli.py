"""`riskreg check` on charts and kustomizations as a user runs it: findings name the chart or overlay
as target and the template or source file, `--values` changes the verdict, failures exit 3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from tests.integration.conftest import REPO
from tests.unit.render.test_k8s_results import validate

ISO_002 = "ISO-002"  # no privileged container (isolation/host_namespaces)


def riskreg(*args: str) -> subprocess.CompletedProcess[str]:
    policies = ["--policies", str(REPO / "policies"), "--risks", str(REPO / "risks")]
    return subprocess.run(
        [sys.executable, "-m", "riskreg", "check", *policies, *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "RISKREG_HELM": str(REPO / ".tools/bin/helm"),
             "RISKREG_KUSTOMIZE": str(REPO / ".tools/bin/kustomize")},
    )  # fmt: skip


def _failures(done: subprocess.CompletedProcess[str], control: str) -> list[dict[str, Any]]:
    findings = json.loads(done.stdout)["findings"]
    return [f for f in findings if f["control_id"] == control and f["outcome"] == "fail"]


def test_chart_finding_names_chart_template_and_resource(render_fixtures: Path) -> None:
    chart = str(render_fixtures / "chart-values")
    done = riskreg(chart, "-f", "json", "--values", f"{chart}={chart}/values-insecure.yaml")
    assert done.returncode == 1, done.stderr
    (privileged,) = _failures(done, ISO_002)
    assert privileged["target"] == "render/chart-values"
    assert privileged["resource"] == "Deployment/default/agent"
    assert privileged["file"] == "render/chart-values/templates/deployment.yaml"
    assert privileged["line"] == 9


def test_default_values_do_not_make_the_container_privileged(render_fixtures: Path) -> None:
    done = riskreg(str(render_fixtures / "chart-values"), "-f", "json")
    assert done.returncode in (0, 1), done.stderr
    assert _failures(done, ISO_002) == []


def test_overlay_finding_points_at_the_base_file(render_fixtures: Path) -> None:
    overlay = render_fixtures / "kustomize-overlay" / "overlays" / "prod"
    done = riskreg(str(overlay), "-f", "json")
    assert done.returncode == 1, done.stderr
    (privileged,) = _failures(done, ISO_002)
    assert privileged["target"] == "render/kustomize-overlay/overlays/prod"
    assert privileged["resource"] == "Deployment/chat-prod/prod-chat"
    assert privileged["file"] == "render/kustomize-overlay/base/deployment.yaml"


def test_rendering_failures_exit_3_with_one_line(render_fixtures: Path) -> None:
    for folder, expected in [
        ("chart-missing-dependency", "missing in charts/ directory: redis"),
        ("chart-bad-template", "deployment.yaml:6"),
        ("kustomize-remote-base", "kustomize failed"),
    ]:
        done = riskreg(str(render_fixtures / folder))
        assert done.returncode == 3, (folder, done.stderr)
        assert expected in done.stderr
        assert done.stderr.count("\n") == 1, done.stderr
        assert done.stdout == ""


def test_unknown_values_file_is_usage_error(render_fixtures: Path) -> None:
    done = riskreg(str(render_fixtures / "chart-values"), "--values", "nope.yaml")
    assert done.returncode == 2, done.stderr


def test_openreports_of_a_chart_validate_and_name_the_chart(render_fixtures: Path) -> None:
    chart = str(render_fixtures / "chart-values")
    done = riskreg(chart, "-f", "openreports", "--values", f"{chart}={chart}/values-insecure.yaml")
    assert done.returncode == 1, done.stderr
    documents = list(yaml.safe_load_all(done.stdout))
    for document in documents:
        validate(document)
    (default,) = [d for d in documents if d["metadata"].get("namespace") == "default"]
    failed = [r for r in default["results"] if r["policy"] == ISO_002]
    assert failed[0]["properties"]["location"] == "render/chart-values/templates/deployment.yaml:9"
    assert failed[0]["resources"] == [
        {"apiVersion": "apps/v1", "kind": "Deployment", "name": "agent", "namespace": "default"}
    ]


def test_example_chart_fails_what_its_readme_says_and_passes_hardened() -> None:
    chart = "examples/charts/chat-ui"
    done = riskreg(str(REPO / chart), "-f", "json")
    assert done.returncode == 1, done.stderr
    failing = {
        f["control_id"] for f in json.loads(done.stdout)["findings"] if f["outcome"] == "fail"
    }
    assert failing == {"ISO-004", "K8S-001"}
    hardened = f"{REPO / chart}={REPO / chart}/values-hardened.yaml"
    done = riskreg(str(REPO / chart), "-f", "json", "--values", hardened)
    assert done.returncode == 0, done.stdout
