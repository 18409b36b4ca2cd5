"""The serve state file (riskreg/run/warm.py): private, exclusive, trusted only when it matches."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
from pathlib import Path

import pytest

from riskreg.errors import UsageError
from riskreg.models.provenance_pack import ControlPack, PackSource, SignatureStatus
from riskreg.run.warm import (
    Loaded,
    ServeState,
    _mismatch,
    claim,
    read_state,
    remove_state,
    write_state,
)

PACK = ControlPack(
    source=PackSource.FOLDER, path="policies", revision="r", sha256="0" * 64,
    signature=SignatureStatus.UNSIGNED,
)  # fmt: skip
LOADED = Loaded(policies_digest="p", data_digest="d", control_pack=PACK)


def _state(pid: int | None = None, url: str = "http://127.0.0.1:1") -> ServeState:
    return ServeState(
        url=url, token="secret-token", nonce="n", pid=pid or os.getpid(), opa_pid=1,
        opa_version="1.22.2", policies_digest="p", data_digest="d", control_pack=PACK,
        started=dt.datetime(2026, 1, 31, tzinfo=dt.UTC), idle_timeout=3.0,
    )  # fmt: skip


def test_pass_written_0600_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / ".riskreg" / "serve.json"
    write_state(path, _state())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_state(path)[0] == _state()
    assert "secret-token" not in str(_state().public())


def test_deny_a_state_file_others_may_read(tmp_path: Path) -> None:
    path = tmp_path / "serve.json"
    write_state(path, _state())
    path.chmod(0o644)
    state, why = read_state(path)
    assert state is None and "only this user" in why


def test_deny_a_second_writer(tmp_path: Path) -> None:
    path = tmp_path / "serve.json"
    write_state(path, _state())
    with pytest.raises(UsageError, match="another riskreg serve"):
        write_state(path, _state())


def test_pass_claim_replaces_a_file_whose_pid_is_no_riskreg(tmp_path: Path) -> None:
    path = tmp_path / "serve.json"
    other = subprocess.Popen(["sleep", "60"])  # alive, and no riskreg: a reused pid
    try:
        write_state(path, _state(pid=other.pid))
        claim(path)
    finally:
        other.kill()
        other.wait()
    assert not path.exists()


def test_pass_claim_removes_a_dead_serve_file(tmp_path: Path) -> None:
    path = tmp_path / "serve.json"
    write_state(path, _state(pid=2**22 + 1))  # above the default pid_max: never alive
    claim(path)
    assert not path.exists()


def test_pass_remove_only_its_own(tmp_path: Path) -> None:
    path = tmp_path / "serve.json"
    write_state(path, _state())
    remove_state(path, _state(pid=2**22 + 1))
    assert path.exists()
    remove_state(path, _state())
    assert not path.exists()


def test_deny_mismatches(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("riskreg.run.warm.serve_alive", lambda pid: True)
    assert _mismatch(_state(), LOADED) == ""
    assert "not on 127.0.0.1" in _mismatch(_state(url="http://10.0.0.1:1"), LOADED)
    other = Loaded(policies_digest="q", data_digest="d", control_pack=PACK)
    assert "other policies" in _mismatch(_state(), other)
    other = Loaded(policies_digest="p", data_digest="e", control_pack=PACK)
    assert "register or parameters" in _mismatch(_state(), other)
    signed = PACK.model_copy(update={"allow_unsigned": True})
    assert "trust decision" in _mismatch(_state(), Loaded("p", "d", signed))
