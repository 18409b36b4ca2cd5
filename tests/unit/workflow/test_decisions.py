"""Decision logs folded per control: deny/pass counts, window, servers; other lines skipped."""

from __future__ import annotations

import json

from riskreg.workflow.decisions import ingest


def _event(ts: str, result: object, path: str = "riskreg_gate/batch", server: str = "a") -> str:
    return json.dumps(
        {
            "decision_id": ts,
            "path": path,
            "result": result,
            "timestamp": ts,
            "labels": {"id": server},
            "msg": "Decision Log",
        }
    )


DENY = {"deny": [{"msg": "NET-001: host network"}], "warn": []}
PASS = {"deny": [], "warn": []}


def test_batch_decisions_are_counted_per_control() -> None:
    lines = [
        '{"level":"info","msg":"Initializing server."}',
        "not json",
        _event("2026-01-01T10:00:00Z", [{"network.host": DENY}, {"network.host": PASS}]),
        _event("2026-01-01T12:00:00.123456789Z", [{"network.host": PASS}], server="b"),
    ]
    evidence = ingest(lines)
    assert (evidence.decisions, evidence.evaluations, evidence.skipped_lines) == (2, 3, 2)
    assert evidence.servers == ["a", "b"]
    [control] = evidence.controls
    assert (control.control, control.deny, control.passed) == ("NET-001", 1, 2)
    assert evidence.window_start is not None and evidence.window_start.hour == 10
    assert evidence.window_end is not None and evidence.window_end.hour == 12


def test_catalogue_ids_name_controls_that_never_denied() -> None:
    evidence = ingest(
        [_event("2026-01-01T10:00:00Z", [{"k8s.image": PASS}])], {"k8s.image": "K8S-001"}
    )
    assert evidence.controls[0].control == "K8S-001"


def test_single_control_queries_and_uploaded_arrays() -> None:
    batch = json.loads(
        "["
        + _event("2026-01-01T10:00:00Z", [{"msg": "NET-001: x"}], path="riskreg/network/host/deny")
        + ","
        + _event("2026-01-01T11:00:00Z", {"deny": []}, path="riskreg/network/host")
        + "]"
    )
    evidence = ingest([json.dumps(batch)])
    assert [(c.control, c.deny, c.passed) for c in evidence.controls] == [("NET-001", 1, 1)]


def test_no_events() -> None:
    evidence = ingest([""])
    assert evidence.decisions == 0 and evidence.controls == []


def test_nested_gate_answers_count_as_flat_ones() -> None:
    """The gate nests results by area and control; earlier bundles' logs key them flat."""
    nested = [{"network": {"host": DENY}}, {"network": {"host": PASS}}]
    flat = [{"network.host": DENY}, {"network.host": PASS}]
    counted = [
        [
            (c.control, c.deny, c.passed)
            for c in ingest([_event("2026-01-01T10:00:00Z", r)]).controls
        ]
        for r in (nested, flat)
    ]
    assert counted[0] == counted[1] == [("NET-001", 1, 1)]
