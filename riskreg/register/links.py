"""Mitigation-to-control links: METADATA's, plus those a team declares for its own mitigations."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from riskreg.models.risk import Register


def register_links(register: Register) -> dict[str, list[str]]:
    """Team-owned mitigation id -> the controls the register links it to."""
    return {
        mitigation.id: list(mitigation.controls)
        for risk in register.risks
        for mitigation in risk.mitigations
        if mitigation.controls
    }


def all_links(metadata: Mapping[str, Collection[str]], register: Register) -> dict[str, list[str]]:
    """Mitigation id -> controls, METADATA's first, then the register's (sorted, no repeats).

    What coverage should use to decide which controls enforce a mitigation.
    """
    merged: dict[str, list[str]] = {mid: sorted(set(ids)) for mid, ids in metadata.items()}
    for mitigation_id, controls in register_links(register).items():
        known = merged.setdefault(mitigation_id, [])
        known += [control for control in controls if control not in known]
    return merged
