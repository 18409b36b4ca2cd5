"""Section 1 for register files (risks/*.yaml): exit 3, one line naming file and line, bounded.

Checked through `riskreg risks validate` and through `riskreg check` (which loads the register
before anything is evaluated). The register helper's own tests (tests/unit/register) cover
schema problems; these are the hostile-file cases of issue 8.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.reliability.conftest import BAD_INPUT_SECONDS, PEAK_MB, REPO, riskreg
from tests.reliability.test_bad_manifests import BILLION_LAUGHS, DEEP

SEED = (REPO / "risks" / "domain-7.yaml").read_bytes()


def _schema_shaped_bomb(fan_out: int) -> bytes:
    """7 KB whose aliases expand to fan_out^2 x 1000 strings that all fit the Risk schema."""
    strings = "x0: &s [" + ",".join(f"r{n}" for n in range(1000)) + "]\n"
    mitigation = "x1: &m {id: mit1.m1, title: t, description: d, references: *s}\n"
    risk = "x2: &r {id: mit1, title: t, mitigations: [" + ",".join(["*m"] * fan_out) + "]}\n"
    risks = "risks: [" + ",".join(["*r"] * fan_out) + "]\n"
    return ("schema_version: 1\n" + strings + mitigation + risk + risks).encode()


# `check` loads the register with the same code as `validate`: three cases prove the wiring.
CHECKED_TOO = ("alias-bomb", "duplicate-nested-key", "not-utf8")
CASES = [
    pytest.param("alias-bomb", BILLION_LAUGHS.encode(), "domain-9.yaml", id="alias-bomb"),
    pytest.param(
        "schema-shaped-alias-bomb",
        _schema_shaped_bomb(200),
        "domain-9.yaml",
        id="schema-shaped-alias-bomb",
    ),
    pytest.param("deep-flow", b"[" * DEEP + b"]" * DEEP, "domain-9.yaml", id="deep-flow"),
    pytest.param(
        "duplicate-top-level-key",
        b"schema_version: 1\nschema_version: 1\nrisks: []\n",
        ":2",
        id="duplicate-top-level-key",
    ),
    pytest.param(
        "duplicate-nested-key",
        SEED.replace(b"  title:", b"  title: x\n  title:", 1),
        ":5",
        id="duplicate-nested-key",
    ),
    pytest.param("not-utf8", SEED + b"# caf\xe9\n", "domain-9.yaml", id="not-utf8"),
    pytest.param("utf16", SEED.decode().encode("utf-16"), "domain-9.yaml", id="utf16"),
    pytest.param("nul", SEED + b"\x00", "domain-9.yaml", id="nul"),
    pytest.param(
        "python-tag",
        b"schema_version: !!python/object/apply:os.system ['touch PWNED']\n",
        ":1",
        id="python-tag",
    ),
    pytest.param("binary", bytes(range(1, 256)) * 16, "domain-9.yaml", id="binary"),
]


@pytest.mark.parametrize(("case", "data", "where"), CASES)
def test_bad_register_file_fails_validate(
    case: str, data: bytes, where: str, tmp_path: Path, work: Path
) -> None:
    _assert_refused(["risks", "validate", "--risks", str(_register(tmp_path))], data, where, work)


@pytest.mark.parametrize(
    ("case", "data", "where"), [param for param in CASES if param.id in CHECKED_TOO]
)
def test_bad_register_file_fails_check(
    case: str, data: bytes, where: str, policies: Path, tmp_path: Path, work: Path
) -> None:
    (work / "pod.yaml").write_text("kind: Pod\nmetadata: {name: p}\n")
    register = str(_register(tmp_path))
    args = ["check", "--risks", register, "--policies", str(policies), "pod.yaml"]
    _assert_refused(args, data, where, work)


def _register(tmp_path: Path) -> Path:
    """A register folder holding only the file under test (the seed names mit1158.m2 too)."""
    folder = tmp_path / "register"
    folder.mkdir()
    return folder


def _assert_refused(args: list[str], data: bytes, where: str, work: Path) -> None:
    register = Path(args[args.index("--risks") + 1])
    (register / "domain-9.yaml").write_bytes(data)
    run = riskreg(*args, cwd=work, timeout=30)
    assert run.returncode == 3, (run.returncode, run.stderr[-500:])
    line = run.stderr.strip().splitlines()[0]
    assert "Traceback" not in run.stderr
    assert "domain-9.yaml" in line and where in line, line
    assert run.seconds < BAD_INPUT_SECONDS, f"{run.seconds:.2f} s"
    assert run.peak_mb < PEAK_MB, f"{run.peak_mb} MB"
    assert not (work / "PWNED").exists()
