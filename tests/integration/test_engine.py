"""The OPA server engine against the real opa: token, verdicts, undefined, timeouts, clean shutdown."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import requests

from riskreg.errors import EvaluationError, InvalidInputError
from riskreg.policy.catalog import load_catalog
from riskreg.policy.engines.binary import OpaBinary
from riskreg.policy.engines.opa_server import OpaServerEngine

POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"hostNetwork": True}}


def _input(target: str, contents: dict[str, object]) -> dict[str, object]:
    return {
        "target": target,
        "documents": [{"path": f"{target}/a.yaml", "index": 0, "contents": contents}],
    }


def _control(folder: Path, name: str, body: str, control_id: str = "DEMO-009") -> None:
    path = folder / "demo" / name
    path.mkdir(parents=True)
    (path / f"{name}.rego").write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n"
        f"#   id: {control_id}\n#   severity: low\n#   mitigates: [mit1.m1]\n#   kinds: [Pod]\n"
        f"package riskreg.demo.{name}\n\n{body}\n"
    )


def test_batch_verdicts_in_order(opa: OpaBinary, demo_policies: Path) -> None:
    ok = dict(POD, spec={})
    with OpaServerEngine(opa, demo_policies, {}) as engine:
        results = engine.evaluate([_input("a", POD), _input("b", ok)])
    assert [len(r["demo.host_network"]["deny"]) for r in results] == [1, 0]
    assert results[0]["demo.host_network"]["deny"][0]["path"] == "spec.hostNetwork"


def test_request_without_token_is_refused(opa: OpaBinary, demo_policies: Path) -> None:
    with OpaServerEngine(opa, demo_policies, {}) as engine:
        url = f"{engine.url}/v1/data/riskreg_gate/batch"
        anonymous = requests.post(url, json={"input": {"targets": []}}, timeout=5)
        wrong = requests.post(
            url,
            json={"input": {"targets": []}},
            timeout=5,
            headers={"Authorization": "Bearer nope"},
        )
        right = requests.post(
            url,
            json={"input": {"targets": []}},
            timeout=5,
            headers={"Authorization": f"Bearer {engine.token}"},
        )
        policy_write = requests.put(
            f"{engine.url}/v1/policies/evil", data="package evil", timeout=5
        )
    assert anonymous.status_code == 401
    assert wrong.status_code == 401
    assert policy_write.status_code == 401
    assert right.status_code == 200


def test_server_listens_on_loopback_only(opa: OpaBinary, demo_policies: Path) -> None:
    with OpaServerEngine(opa, demo_policies, {}) as engine:
        assert engine.url.startswith("http://127.0.0.1:")


def test_close_stops_the_server(opa: OpaBinary, demo_policies: Path) -> None:
    engine = OpaServerEngine(opa, demo_policies, {})
    pid = engine.pid
    assert pid is not None and _running(pid)
    engine.close()
    time.sleep(0.1)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_control_without_deny_is_missing_from_answer(opa: OpaBinary, demo_policies: Path) -> None:
    _control(demo_policies, "no_deny", "allow := true", "DEMO-010")
    catalog = load_catalog(opa, demo_policies)
    with OpaServerEngine(opa, demo_policies, {}) as engine:
        results = engine.evaluate([_input("a", POD)])
    assert "demo.no_deny" not in results[0]
    assert catalog.by_id("DEMO-010") is not None  # so evaluate.target_findings must raise for it


def test_never_ending_control_times_out_and_tears_down(opa: OpaBinary, demo_policies: Path) -> None:
    _control(
        demo_policies,
        "forever",
        'deny contains "x" if {\n\tsome n in numbers.range(1, 1000000000)\n\tn < 0\n}',
    )
    engine = OpaServerEngine(opa, demo_policies, {}, timeout=2)
    pid = engine.pid
    started = time.monotonic()
    with pytest.raises(EvaluationError, match="did not answer within 2 s"):
        engine.evaluate([_input("slow", POD)])
    assert time.monotonic() - started < 4
    time.sleep(0.2)
    assert pid is not None and not _running(pid)
    engine.close()


def test_strict_builtin_errors_fail_the_evaluation(opa: OpaBinary, demo_policies: Path) -> None:
    _control(
        demo_policies,
        "bad_builtin",
        'deny contains msg if {\n\tmsg := sprintf("%d", [to_number("x")])\n}',
    )
    with (
        OpaServerEngine(opa, demo_policies, {}) as engine,
        pytest.raises(EvaluationError, match="HTTP 500"),
    ):
        engine.evaluate([_input("a", POD)])


def test_syntax_error_is_invalid_input_with_file_and_line(
    opa: OpaBinary, demo_policies: Path
) -> None:
    _control(demo_policies, "broken", "deny contains x if {")
    with pytest.raises(InvalidInputError, match=r"broken\.rego:\d+"):
        load_catalog(opa, demo_policies)


def test_control_without_metadata_is_invalid_input(opa: OpaBinary, demo_policies: Path) -> None:
    folder = demo_policies / "demo" / "bare"
    folder.mkdir()
    (folder / "bare.rego").write_text('package riskreg.demo.bare\n\ndeny contains "x" if false\n')
    with pytest.raises(InvalidInputError, match="has no package METADATA"):
        load_catalog(opa, demo_policies)


def test_crashed_server_is_an_evaluation_error(opa: OpaBinary, demo_policies: Path) -> None:
    with OpaServerEngine(opa, demo_policies, {}) as engine:
        assert engine.pid is not None
        import os
        import signal

        os.kill(engine.pid, signal.SIGKILL)
        time.sleep(0.2)
        with pytest.raises(EvaluationError):
            engine.evaluate([_input("a", POD)])
