"""Data given after opa started (so it compiles the policies while riskreg reads its inputs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.policy.engines.binary import OpaBinary
from riskreg.policy.engines.opa_server import OpaServerEngine

pytestmark = pytest.mark.opa


def _uses_data(folder: Path) -> None:
    path = folder / "demo" / "from_data"
    path.mkdir(parents=True)
    (path / "from_data.rego").write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n"
        "#   id: DEMO-008\n#   severity: low\n#   mitigates: [mit1.m1]\n#   kinds: [Pod]\n"
        "package riskreg.demo.from_data\n\n"
        'deny contains {"msg": data.riskreg_params.word, "path": "spec"} if {\n'
        "\tdata.riskreg_params.word\n}\n"
    )


def _words(engine: OpaServerEngine) -> list[str]:
    target = {"target": "t", "documents": [{"path": "t/a.yaml", "index": 0, "contents": {}}]}
    results = engine.evaluate([target])
    return [finding["msg"] for finding in results[0]["demo.from_data"]["deny"]]


def test_data_loaded_after_the_start_is_seen_by_the_first_evaluation(
    opa: OpaBinary, demo_policies: Path
) -> None:
    _uses_data(demo_policies)
    with OpaServerEngine(opa, demo_policies, {}, wait=False) as engine:
        engine.load_data({"riskreg_params": {"word": "late"}})
        assert _words(engine) == ["late"]


def test_a_restarted_server_reads_the_late_data_at_start(
    opa: OpaBinary, demo_policies: Path
) -> None:
    _uses_data(demo_policies)
    with OpaServerEngine(opa, demo_policies, {}, wait=False) as engine:
        engine.load_data({"riskreg_params": {"word": "late"}})
        engine.wait_ready()
        engine._stop_process()  # as diagnosis and a taken port do
        engine._spawn()
        engine._ready = False
        assert _words(engine) == ["late"]
