"""The check path loads opa-python-client's synchronous client only, not its asyncio half."""

from __future__ import annotations

import subprocess
import sys


def test_gate_client_does_not_import_aiohttp() -> None:
    code = (
        "import sys\n"
        "from riskreg.policy.engines.opa_client import GateClient\n"
        "client = GateClient('http://127.0.0.1:9', None, 1.0)\n"
        "print(type(client._client).__module__)\n"
        "print(sorted(m for m in ('aiohttp', 'aiofiles', 'opa_client.opa_async')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[:2] == ["opa_client.opa", "[]"]


def test_the_full_package_still_imports_afterwards() -> None:
    """A later `import opa_client` elsewhere in the process is not broken by the bare package."""
    code = (
        "from riskreg.policy.engines.opa_client import GateClient\n"
        "GateClient('http://127.0.0.1:9', None, 1.0)\n"
        "from opa_client.opa import OpaClient\n"
        "print(OpaClient.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "OpaClient"
