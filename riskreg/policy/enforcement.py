"""Per-control enforcement actions (deny, warn, off), like Gatekeeper's enforcementAction.

A new or stricter control can start in `warn`: its failures are reported as warnings that do not
fail the gate, and say so. `off` leaves the control out of the run's verdicts. Every report lists
each control's action, so a reader sees what was not enforced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase

from riskreg.models.control import Control
from riskreg.models.finding import Finding, Outcome


def action_of(control_id: str, table: Mapping[str, str]) -> str:
    """The action for a control: an exact id wins over a glob; the longest glob over shorter ones."""
    if control_id in table:
        return table[control_id]
    matches = [pattern for pattern in table if fnmatchcase(control_id, pattern)]
    return table[max(matches, key=len)] if matches else "deny"


def with_actions(controls: Iterable[Control], table: Mapping[str, str]) -> list[Control]:
    """The controls, each carrying its enforcement action."""
    return [
        control.model_copy(update={"enforcement": action_of(control.id, table)})
        for control in controls
    ]


def apply_enforcement(findings: Iterable[Finding], controls: Iterable[Control]) -> list[Finding]:
    """Failures of `warn` controls become warnings marked `enforcement: warn`; an `off` control's
    findings are dropped. `deny` controls are untouched."""
    actions = {control.id: control.enforcement for control in controls}
    kept: list[Finding] = []
    for finding in findings:
        action = actions.get(finding.control_id, "deny")
        if action == "off":
            continue
        if action == "warn" and finding.outcome is Outcome.FAIL:
            finding = finding.model_copy(update={"outcome": Outcome.WARN, "enforcement": "warn"})
        kept.append(finding)
    return kept
