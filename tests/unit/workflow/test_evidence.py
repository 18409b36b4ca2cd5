"""Evidence bundles: a signed MANIFEST; any changed, added or removed file or a wrong key fails."""

from __future__ import annotations

import pytest

from riskreg.errors import ExitCode, InvalidInputError
from riskreg.workflow.archive import read_tar_gz, write_tar_gz
from riskreg.workflow.evidence import (
    generate_keypair,
    load_private_key,
    load_public_key,
    pack_evidence,
    verify_bundle,
)

FILES = {"report.json": b"{}\n", "inputs/pod.yaml": b"kind: Pod\n", "versions.json": b"{}\n"}


@pytest.fixture(scope="module")
def keys() -> tuple[bytes, bytes]:
    return generate_keypair()


def _packed(keys: tuple[bytes, bytes]) -> bytes:
    return pack_evidence(FILES, load_private_key(keys[0], "key"), mtime=1_767_225_600)


def _verify(data: bytes, public: bytes) -> dict[str, str]:
    return verify_bundle(data, load_public_key(public, "pub"), "bundle.tar.gz")


def test_intact_bundle_verifies_and_is_deterministic(keys: tuple[bytes, bytes]) -> None:
    data = _packed(keys)
    assert sorted(_verify(data, keys[1])) == sorted(FILES)
    assert data == _packed(keys)


def _tampered(keys: tuple[bytes, bytes], change: str) -> bytes:
    files = read_tar_gz(_packed(keys), "x")
    if change == "changed":
        files["inputs/pod.yaml"] = b"kind: Pod\nspec: {hostNetwork: true}\n"
    elif change == "added":
        files["inputs/extra.yaml"] = b"kind: Pod\n"
    else:
        del files["report.json"]
    return write_tar_gz(files, 0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("changed", "changed inputs/pod.yaml"),
        ("added", "added inputs/extra.yaml"),
        ("removed", "removed report.json"),
    ],
)
def test_tampering_is_named_in_one_line(
    keys: tuple[bytes, bytes], change: str, message: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        _verify(_tampered(keys, change), keys[1])
    assert message in caught.value.message
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    assert "\n" not in caught.value.one_line()


def test_wrong_key_fails(keys: tuple[bytes, bytes]) -> None:
    _, other_public = generate_keypair()
    with pytest.raises(InvalidInputError, match="signature does not verify"):
        _verify(_packed(keys), other_public)


def test_a_rewritten_manifest_fails_the_signature(keys: tuple[bytes, bytes]) -> None:
    files = read_tar_gz(_packed(keys), "x")
    files["MANIFEST"] = files["MANIFEST"].replace(b"report.json", b"report.jsom")
    with pytest.raises(InvalidInputError, match="signature does not verify"):
        _verify(write_tar_gz(files, 0), keys[1])


def test_non_keys_and_non_bundles_are_invalid_input(keys: tuple[bytes, bytes]) -> None:
    with pytest.raises(InvalidInputError, match="not an unencrypted PEM private key"):
        load_private_key(b"nope", "key")
    with pytest.raises(InvalidInputError, match="not a PEM public key"):
        load_public_key(keys[0], "pub")
    with pytest.raises(InvalidInputError, match="not a readable"):
        _verify(b"garbage", keys[1])
    with pytest.raises(InvalidInputError, match="not an evidence bundle"):
        _verify(write_tar_gz(FILES, 0), keys[1])
