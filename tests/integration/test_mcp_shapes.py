"""riskreg's reader (Python) and riskreg.lib.mcp (Rego, also what conftest runs) see the same MCP
shape in every real configuration of ../shared/data/mcp-configs and in every MCP sample."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from riskreg.manifests.mcp import named_mcp, shape_of
from riskreg.policy.engines.binary import OpaBinary
from riskreg.yamlsafe.jsonc import parse_jsonc
from riskreg.yamlsafe.limits import Limits
from tests.conftest import SHARED
from tests.integration.conftest import REPO

FILES = sorted(
    [*(SHARED / "data" / "mcp-configs").glob("*.json"), *REPO.glob("policies/mcp/*/samples/*.json")]
)


def _rego_shapes(opa: OpaBinary, documents: list[dict[str, object]]) -> list[str | None]:
    query = "[[c.entry.index, c.shape] | some c in data.riskreg.lib.mcp.configs]"
    done = subprocess.run(
        [str(opa.path), "eval", "-f", "json", "-d", str(REPO / "policies" / "lib"), "-I", query],
        input=json.dumps({"riskreg": {"schema": 2}, "target": "t", "documents": documents}),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    found = dict(json.loads(done.stdout)["result"][0]["expressions"][0]["value"])
    return [found.get(index) for index in range(len(documents))]


def test_python_and_rego_agree_on_every_file(opa: OpaBinary) -> None:
    if not FILES:
        pytest.skip("no MCP files")
    values = [parse_jsonc(path.read_text(encoding="utf-8"), path.name, Limits()) for path in FILES]
    documents = [
        {"path": path.name, "index": index, "contents": value}
        for index, (path, value) in enumerate(zip(FILES, values, strict=True))
    ]
    python = [
        shape_of(value, named_mcp(Path(path.name)))
        for path, value in zip(FILES, values, strict=True)
    ]
    rego = _rego_shapes(opa, documents)
    assert None not in python
    assert dict(zip([p.name for p in FILES], rego, strict=True)) == dict(
        zip([p.name for p in FILES], python, strict=True)
    )
