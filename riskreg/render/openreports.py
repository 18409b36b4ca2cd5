"""OpenReports (openreports.io/v1alpha1): a Report per namespace and a ClusterReport, as YAML."""

from __future__ import annotations

from riskreg.models.finding import Report
from riskreg.render.k8s_results import Kinds, build, to_yaml

KINDS = Kinds(
    api_version="openreports.io/v1alpha1",
    namespaced="Report",
    cluster="ClusterReport",
    source_on_report=True,
)


def render(report: Report) -> str:
    """The run as OpenReports objects, ready for `kubectl apply -f -` (Policy Reporter reads them)."""
    return to_yaml(build(report, KINDS))
