"""The `--require-verified` gate: every mitigation the run's controls implement must be verified.

A mitigation is verified on this run when at least one of its controls passed on real
configuration and none failed; it is only attested when its controls passed on self-declared
fields alone. Mitigations whose controls applied to nothing here are not judged (nothing was
evaluated), and failing ones already fail the threshold gate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from riskreg.models.control import Control
from riskreg.models.finding import Finding, Outcome

_FAILED = frozenset({Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED})


def attested_only(findings: Iterable[Finding], controls: Iterable[Control]) -> list[str]:
    """One line per mitigation that passed only on declarations, naming its controls; sorted."""
    held: dict[str, set[str]] = defaultdict(set)  # mitigation -> assurances of passes
    failed: set[str] = set()
    passed_by: dict[str, set[str]] = defaultdict(set)
    mitigations = {control.id: control.mitigates for control in controls}
    for finding in findings:
        for mitigation in mitigations.get(finding.control_id, []):
            if finding.outcome in _FAILED or finding.enforcement == "warn":
                failed.add(mitigation)
            elif finding.outcome is Outcome.PASS:
                held[mitigation].add(finding.assurance or "attested")
                passed_by[mitigation].add(finding.control_id)
    return [
        f"{mitigation} is only attested: {', '.join(sorted(passed_by[mitigation]))} passed on "
        "self-declared fields; no control verified it on real configuration"
        for mitigation in sorted(held)
        if mitigation not in failed and "verified" not in held[mitigation]
    ]
