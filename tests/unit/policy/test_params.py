"""policies/params.yaml's mcp section: it loads, and its secret patterns equal the ones riskreg
redacts with (conftest, which does not redact, reads them from there)."""

from __future__ import annotations

from pathlib import Path

from riskreg.policy.params import load_params
from riskreg.yamlsafe.secrets import PATTERNS

REPO = Path(__file__).resolve().parents[3]


def test_the_mcp_section_loads() -> None:
    mcp = load_params(REPO / "policies")["mcp"]
    assert mcp["allowed_hosts"] and mcp["runners"]["npm"]


def test_conftest_secret_patterns_equal_riskregs() -> None:
    assert load_params(REPO / "policies")["mcp"]["secret_patterns"] == PATTERNS
