"""Every real MCP configuration of ../shared is read without error, and the committed, reviewed
table of riskreg's verdicts on them (benchmarks/results/real-mcp-configs.md) is not stale."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SHARED
from tests.integration.conftest import REPO

pytestmark = pytest.mark.opa
DATA = SHARED / "data" / "mcp-configs"


@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data/mcp-configs is not there")
def test_the_reviewed_table_is_current() -> None:
    done = subprocess.run(
        [sys.executable, "benchmarks/real_mcp_configs.py", "--check"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr or done.stdout
