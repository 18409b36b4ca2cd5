"""wgpolicyk8s.io/v1alpha2 PolicyReport per namespace and a ClusterPolicyReport, as YAML."""

from __future__ import annotations

from riskreg.models.finding import Report
from riskreg.render.k8s_results import Kinds, build, to_yaml

KINDS = Kinds(
    api_version="wgpolicyk8s.io/v1alpha2",
    namespaced="PolicyReport",
    cluster="ClusterPolicyReport",
    # v1alpha2 has no report-level `source`; every result carries it instead.
    source_on_report=False,
)


def render(report: Report) -> str:
    """The run as PolicyReport objects, for tools still on the wg-policy API (older Kyverno)."""
    return to_yaml(build(report, KINDS))
