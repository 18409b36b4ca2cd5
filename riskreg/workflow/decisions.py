"""Folding OPA decision logs (console logger lines or uploaded batches) into per-control evidence.

A fleet of OPA servers running riskreg's bundle logs each decision; the gate entrypoint's result
holds every control's deny set per target, so each logged evaluation shows, per control, whether
it denied or passed. Lines that are not decision-log events (OPA's other logs) are skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from riskreg.models.control import by_package_key
from riskreg.models.workflow import ControlEvidence, RuntimeEvidence

_ID_PREFIX = re.compile(r"^([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[0-9]{3}):")


@dataclass
class _Tally:
    deny: int = 0
    passed: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    control_id: str | None = None

    def add(self, denied: bool, when: dt.datetime | None) -> None:
        if denied:
            self.deny += 1
        else:
            self.passed += 1
        if when is not None:
            self.first = when if self.first is None else min(self.first, when)
            self.last = when if self.last is None else max(self.last, when)


@dataclass
class _Fold:
    decisions: int = 0
    evaluations: int = 0
    skipped: int = 0
    servers: set[str] = field(default_factory=set)
    times: list[dt.datetime] = field(default_factory=list)
    tallies: dict[str, _Tally] = field(default_factory=dict)


def events(lines: Iterable[str], fold: _Fold) -> Iterator[dict[str, Any]]:
    """Decision events from JSON lines; a line may hold one event or a JSON array of them."""
    for line in lines:
        text = line.strip()
        if not text:
            continue
        try:
            value = json.loads(text)
        except ValueError:
            fold.skipped += 1
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, dict) and "decision_id" in item and "path" in item:
                yield item
            else:
                fold.skipped += 1


def _when(event: dict[str, Any]) -> dt.datetime | None:
    text = event.get("timestamp") or event.get("time")
    try:
        return dt.datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _per_target_controls(event: dict[str, Any]) -> list[dict[str, Any]]:
    """Each evaluated target's {package_key: {deny, warn}} from a gate or control decision."""
    path = str(event.get("path", "")).strip("/").replace(".", "/").removeprefix("data/")
    result = event.get("result")
    if path == "riskreg_gate/batch" and isinstance(result, list):
        return [by_package_key(item) for item in result if isinstance(item, dict)]
    if path == "riskreg_gate/controls" and isinstance(result, dict):
        return [by_package_key(result)]
    if path == "riskreg_gate" and isinstance(result, dict):
        controls = result.get("controls")
        return [by_package_key(controls)] if isinstance(controls, dict) else []
    return _single_control(path.split("/"), result)


def _single_control(parts: list[str], result: Any) -> list[dict[str, Any]]:
    """A query of one control package (`riskreg/<area>/<control>`) or of its `deny` rule."""
    if parts[:1] != ["riskreg"] or len(parts) not in (3, 4) or parts[1] == "lib":
        return []
    if len(parts) == 3 and isinstance(result, dict):
        deny = result.get("deny")
    elif len(parts) == 4 and parts[3] == "deny":
        deny = result
    else:
        return []
    return [{f"{parts[1]}.{parts[2]}": {"deny": deny or []}}]


def _control_id(verdict: Any) -> str | None:
    for item in verdict.get("deny") or [] if isinstance(verdict, dict) else []:
        message = item.get("msg") if isinstance(item, dict) else item
        match = _ID_PREFIX.match(str(message or ""))
        if match:
            return match.group(1)
    return None


def _fold_event(event: dict[str, Any], fold: _Fold) -> None:
    when = _when(event)
    fold.decisions += 1
    if when is not None:
        fold.times.append(when)
    labels = event.get("labels")
    if isinstance(labels, dict) and labels.get("id"):
        fold.servers.add(str(labels["id"]))
    for controls in _per_target_controls(event):
        fold.evaluations += 1
        for key, verdict in controls.items():
            tally = fold.tallies.setdefault(str(key), _Tally())
            tally.add(bool(isinstance(verdict, dict) and verdict.get("deny")), when)
            tally.control_id = tally.control_id or _control_id(verdict)


def ingest(lines: Iterable[str], control_ids: dict[str, str] | None = None) -> RuntimeEvidence:
    """Per-control deny/pass counts and the time window of every decision in `lines`.

    `control_ids` maps package keys (`network.egress`) to control ids from the catalogue; without
    it, ids are read from deny messages, and controls that never denied keep their package key.
    """
    fold = _Fold()
    for event in events(lines, fold):
        _fold_event(event, fold)
    known = control_ids or {}
    controls = [
        ControlEvidence(
            control=known.get(key) or tally.control_id or key,
            package_key=key,
            deny=tally.deny,
            passed=tally.passed,
            first_seen=tally.first,
            last_seen=tally.last,
        )
        for key, tally in fold.tallies.items()
    ]
    return RuntimeEvidence(
        decisions=fold.decisions,
        evaluations=fold.evaluations,
        window_start=min(fold.times) if fold.times else None,
        window_end=max(fold.times) if fold.times else None,
        servers=sorted(fold.servers),
        controls=sorted(controls, key=lambda c: (c.control, c.package_key)),
        skipped_lines=fold.skipped,
    )
