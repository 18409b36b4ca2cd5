"""The coverage graph: Risk -> Mitigation -> Control -> target result, as one networkx DiGraph.

Node ids are prefixed by kind (`risk:mit1163`, `mitigation:mit1163.m1`, `control:NET-002`,
`result:NET-002@examples/deployments/coding-agent`) so ids from different namespaces never clash.
Nodes carry only scalar attributes (kind, label, and later status/outcome) so every export format
can write them; the model objects stay in side tables of `CoverageGraph`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from riskreg.models.control import Control
from riskreg.models.finding import Finding
from riskreg.models.risk import Mitigation, Risk

if TYPE_CHECKING:
    import networkx as nx  # type: ignore[import-untyped]  # no stubs locked (types-networkx)

# Worst first: the outcome a control has on a target is the worst over its findings there.
# A waived failure is still a failure for assurance: the waiver lets the gate pass, it does not
# make the control hold. Outcomes this module does not know rank as an error (fail closed).
# A control in warn mode that fails (`demoted`) is reported as a warning by the gate, but for
# assurance it failed like any other.
DEMOTED = "fail-warn-mode"
OUTCOME_RANK = {"error": 5, "fail": 4, "waived": 3, DEMOTED: 3, "warn": 2, "pass": 1, "skip": 0}
FAILED = frozenset({"fail", "error", "waived", DEMOTED})
NOT_APPLICABLE = "skip"
# How strong a pass is: a control that judged real configuration beats one that read only
# self-declared fields.
ASSURANCE_RANK = {"verified": 2, "attested": 1}


def risk_node(risk_id: str) -> str:
    return f"risk:{risk_id}"


def mitigation_node(mitigation_id: str) -> str:
    return f"mitigation:{mitigation_id}"


def control_node(control_id: str) -> str:
    return f"control:{control_id}"


def result_node(control_id: str, target: str) -> str:
    return f"result:{control_id}@{target}"


def outcome_rank(outcome: str) -> int:
    return OUTCOME_RANK.get(outcome, OUTCOME_RANK["error"])


@dataclass
class CoverageGraph:
    """The graph plus the model objects its nodes stand for."""

    graph: nx.DiGraph
    risks: dict[str, Risk] = field(default_factory=dict)
    mitigations: dict[str, Mitigation] = field(default_factory=dict)
    controls: dict[str, Control] = field(default_factory=dict)
    # (control id, target) -> offending resources, for reasons such as "failed on T: R".
    resources: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def controls_of(self, mitigation_id: str) -> list[str]:
        node = mitigation_node(mitigation_id)
        return sorted(self.graph.nodes[c]["label"] for c in self.graph.successors(node))

    def results_of(self, control_id: str) -> list[tuple[str, str, str | None]]:
        """(target, worst outcome, assurance of its pass) of a control, sorted by target."""
        node = control_node(control_id)
        triples = [
            (
                self.graph.nodes[r]["target"],
                self.graph.nodes[r]["outcome"],
                self.graph.nodes[r].get("assurance") or None,
            )
            for r in self.graph.successors(node)
        ]
        return sorted(triples, key=lambda triple: triple[0])


def build_graph(
    risks: Sequence[Risk], controls: Sequence[Control], findings: Iterable[Finding]
) -> CoverageGraph:
    """Build the graph from the register, the control catalogue and a run's findings."""
    import networkx as nx

    built = CoverageGraph(graph=nx.DiGraph())
    for risk in risks:
        _add_risk(built, risk)
    for control in controls:
        _add_control(built, control)
    for risk in risks:
        _add_team_links(built, risk)
    for finding in findings:
        _add_finding(built, finding)
    return built


def _add_risk(built: CoverageGraph, risk: Risk) -> None:
    built.risks[risk.id] = risk
    built.graph.add_node(risk_node(risk.id), kind="risk", label=risk.id, title=risk.title)
    for mitigation in risk.mitigations:
        built.mitigations[mitigation.id] = mitigation
        node = mitigation_node(mitigation.id)
        built.graph.add_node(node, kind="mitigation", label=mitigation.id, title=mitigation.title)
        built.graph.add_edge(risk_node(risk.id), node, relation="mitigated_by")


def _add_control(built: CoverageGraph, control: Control) -> None:
    built.controls[control.id] = control
    node = control_node(control.id)
    built.graph.add_node(node, kind="control", label=control.id, title=control.title)
    for mitigation_id in control.mitigates:
        # A control may cite a mitigation the register lacks; keep the edge so `graph` shows it.
        target = mitigation_node(mitigation_id)
        if target not in built.graph:
            built.graph.add_node(target, kind="mitigation", label=mitigation_id, title="")
        built.graph.add_edge(target, node, relation="enforced_by")


def _add_team_links(built: CoverageGraph, risk: Risk) -> None:
    """A team-owned mitigation's controls, linked from the register side (never in METADATA)."""
    for mitigation in risk.mitigations:
        for control_id in mitigation.controls:
            node = control_node(control_id)
            if node not in built.graph:
                built.graph.add_node(node, kind="control", label=control_id, title="")
            built.graph.add_edge(mitigation_node(mitigation.id), node, relation="enforced_by")


def _add_finding(built: CoverageGraph, finding: Finding) -> None:
    control = control_node(finding.control_id)
    if control not in built.graph:
        built.graph.add_node(control, kind="control", label=finding.control_id, title="")
    node = result_node(finding.control_id, finding.target)
    outcome = DEMOTED if finding.enforcement == "warn" else finding.outcome.value
    if node not in built.graph:
        label = f"{finding.control_id} @ {finding.target}"
        built.graph.add_node(
            node, kind="result", label=label, target=finding.target, outcome=outcome
        )
        built.graph.add_edge(control, node, relation="evaluated")
    elif outcome_rank(outcome) > outcome_rank(built.graph.nodes[node]["outcome"]):
        built.graph.nodes[node]["outcome"] = outcome
    if finding.assurance is not None:
        known = built.graph.nodes[node].get("assurance", "")
        if ASSURANCE_RANK.get(finding.assurance, 0) > ASSURANCE_RANK.get(known, 0):
            built.graph.nodes[node]["assurance"] = finding.assurance
    if outcome in FAILED and finding.resource:
        built.resources.setdefault((finding.control_id, finding.target), []).append(
            finding.resource
        )
