"""A bounded fuzz run of the manifest loader (hypothesis), and the regressions it has found.

Inputs are built from YAML's own punctuation, tags and the scalars that surprised us, plus raw
bytes, so the search reaches the parser's corners quickly. Any input that fails with something
other than InvalidInputError is written to tests/reliability/regressions/ before the test
fails; commit it, and `test_regressions_stay_fixed` replays it forever after.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskreg.errors import InvalidInputError
from riskreg.manifests.loader import decode, parse_documents, to_documents
from riskreg.manifests.validate import validate_documents
from riskreg.yamlsafe.limits import Limits
from tests.reliability.conftest import REPO

REGRESSIONS = Path(__file__).parent / "regressions"
LIMITS = Limits(max_nodes=5_000, max_depth=50)
TOKENS = [
    "[", "]", "{", "}", ", ", ": ", "- ", "? ", "\n", "  ", "\t", "---\n", "...\n", "#",
    "&a ", "*a", "&b ", "*b", "<<: ", "'", '"', "\\", "|\n", ">-\n", "%YAML 1.1\n", "%TAG ! x\n",
    "!!python/object/apply:os.system ", "!!binary ", "!!set ", "!!omap ", "!!timestamp ",
    "!!str ", "!!int ", "!!float ", "!!null ", "!!bool ", "!local ", "!<tag:x> ",
    "kind: Pod\n", "apiVersion: riskreg/v1\nkind: AIDeployment\n", "kind: List\nitems:\n",
    "metadata:\n  name: x\n", "on", "y", "0777", "0o9", "1:20", ".inf", ".nan", "1e999",
    "=", "~", "null", "2024-02-30", "0x", "9" * 20, "\x00", "\x85", "\u2028", "\ufeff", "\ud800",
    "é", "😀",
]  # fmt: skip
fuzz_input = st.one_of(
    st.lists(st.sampled_from(TOKENS), max_size=40)
    .map("".join)
    .map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=5), max_size=30).map(
        lambda parts: "".join(parts).encode("utf-8", "surrogatepass")
    ),
)


def load(data: bytes, where: str) -> None:
    """The loader end to end, as `check` uses it, up to the JSON that OPA receives."""
    documents = to_documents(parse_documents(decode(data, where), where, LIMITS), where)
    json.dumps([document.as_entry() for document in validate_documents(documents)])


def _keep(data: bytes, suffix: str) -> Path:
    REGRESSIONS.mkdir(exist_ok=True)
    path = REGRESSIONS / f"fuzz-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    path.write_bytes(data)
    return path


def _check(data: bytes, suffix: str) -> None:
    try:
        load(data, f"f{suffix}")
    except InvalidInputError as exc:
        assert exc.message.startswith(f"f{suffix}")
    except BaseException as exc:
        kept = _keep(data, suffix)
        raise AssertionError(f"{type(exc).__name__}: {exc} (input kept in {kept})") from exc


@pytest.mark.slow
@settings(
    max_examples=10_000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=fuzz_input, suffix=st.sampled_from([".yaml", ".json"]))
def test_fuzz_loader_fails_only_with_invalid_input(data: bytes, suffix: str) -> None:
    _check(data, suffix)


def _regressions() -> list[Path]:
    return sorted(path for path in REGRESSIONS.iterdir() if path.suffix in {".yaml", ".json"})


def test_there_are_regressions_to_replay() -> None:
    assert len(_regressions()) >= 5


@pytest.mark.parametrize("path", _regressions(), ids=lambda path: path.name)
def test_regressions_stay_fixed(path: Path) -> None:
    _check(path.read_bytes(), path.suffix)


def test_regressions_do_not_crash_the_process() -> None:
    """Replayed in a child process too: a segfault (the deep-YAML one) cannot hide in-process."""
    code = (
        "import sys; from pathlib import Path; from tests.reliability.test_fuzz import _check\n"
        "for name in sys.argv[1:]: _check(Path(name).read_bytes(), Path(name).suffix)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, _regressions())],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
