"""Memory sizes, the child's environment, and telling a bound from another failure."""

from __future__ import annotations

import pytest

from riskreg.bounds.child import MemoryBound, parse_size, show_size, supported


@pytest.mark.parametrize(
    ("text", "size"),
    [("2GiB", 2 * 1024**3), ("512MiB", 512 * 1024**2), ("1.5GiB", 3 * 1024**3 // 2),
     ("1000000", 1_000_000), ("1GB", 10**9), (4096, 4096)],
)  # fmt: skip
def test_pass_sizes(text: str | int, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "2 lightyears", "-1", "0", "GiB"])
def test_deny_bad_sizes(text: str) -> None:
    with pytest.raises(ValueError, match=r"size|positive"):
        parse_size(text)


def test_pass_show_size_uses_whole_units() -> None:
    assert show_size(2 * 1024**3) == "2GiB"
    assert show_size(300 * 1024**2) == "300MiB"
    assert show_size(1000) == "1000B"


def test_pass_gomemlimit_is_under_the_hard_limit() -> None:
    env = MemoryBound(1000, "x").environment({"A": "1"})
    assert env == {"A": "1", "GOMEMLIMIT": "900"}
    assert "GOMEMLIMIT" not in MemoryBound(None, "x").environment({})


@pytest.mark.parametrize(
    ("code", "output", "hit"),
    [
        (2, "fatal error: runtime: cannot allocate memory\ngoroutine 1", True),
        (2, "runtime/cgo: pthread_create failed: Resource temporarily unavailable", True),
        (2, "runtime: out of memory: cannot allocate 8388608-byte block", True),
        (1, "Error: template: cm.yaml:3: function nope not defined", False),
        (0, "cannot allocate memory", False),
        (None, "cannot allocate memory", False),
    ],
)
def test_pass_classify_exit(code: int | None, output: str, hit: bool) -> None:
    assert MemoryBound(1024**3, "opa_memory").exceeded(code, output) is hit
    assert MemoryBound(None, "opa_memory").exceeded(code, output) is False


def test_pass_linux_supports_the_bound() -> None:
    assert supported()  # riskreg is tested on Linux; doctor reports where it is not
