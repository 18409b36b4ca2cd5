"""Which control packs may run: verified bundles, unsigned input only by choice, and the record."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from riskreg.config import Flags, Settings, resolve_settings
from riskreg.errors import ExitCode, InvalidInputError
from riskreg.models.provenance_pack import ControlPack, PackSource, SignatureStatus
from riskreg.models.risk import Register
from riskreg.run.trust import open_pack
from riskreg.workflow.archive import write_tar_gz
from riskreg.workflow.signing import key_id, sign_files

FILES = {
    ".manifest": b'{"revision": "rev-1", "roots": ["riskreg"]}',
    "riskreg/a/a.rego": b"package riskreg.a\n",
    "riskreg_params/data.json": b'{"limits": {"ceiling": 3}}',
}
EMPTY = Register(risks=[], version="0")


@pytest.fixture(scope="module")
def key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _public(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> Path:
    path = tmp_path / "pack.pub.pem"
    path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return path


def _settings(tmp_path: Path, policies: Path, **flags: object) -> Settings:
    return resolve_settings(Flags(policies=policies, **flags), env={}, start=tmp_path)  # type: ignore[arg-type]


def _open(settings: Settings) -> ControlPack:
    with open_pack(settings, EMPTY) as opened:
        return opened.pack


def _bundle(tmp_path: Path, files: dict[str, bytes]) -> Path:
    path = tmp_path / "pack.tar.gz"
    path.write_bytes(write_tar_gz(files, 0))
    return path


def test_pass_a_verified_bundle_is_unpacked_and_recorded(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey
) -> None:
    bundle = _bundle(tmp_path, sign_files(FILES, key))
    settings = _settings(tmp_path, bundle, verification_key=_public(tmp_path, key))
    with open_pack(settings, EMPTY) as opened:
        folder = opened.settings.policies
        assert (folder / "riskreg" / "a" / "a.rego").read_bytes() == FILES["riskreg/a/a.rego"]
        assert "ceiling" in (folder / "params.yaml").read_text()
        pack = opened.pack
    assert not folder.exists(), "the unpacked folder is removed after the run"
    assert pack.source is PackSource.BUNDLE and pack.signature is SignatureStatus.VERIFIED
    assert pack.key_id == key_id(key.public_key()) and pack.algorithm == "ES256"
    assert pack.revision == "rev-1"
    assert pack.sha256 == hashlib.sha256(bundle.read_bytes()).hexdigest()


def test_deny_a_bundle_without_a_configured_key(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey
) -> None:
    settings = _settings(tmp_path, _bundle(tmp_path, sign_files(FILES, key)))
    with pytest.raises(InvalidInputError, match="no verification key") as caught:
        _open(settings)
    assert caught.value.exit_code is ExitCode.INVALID_INPUT


def test_deny_an_unsigned_bundle(tmp_path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    settings = _settings(
        tmp_path, _bundle(tmp_path, FILES), verification_key=_public(tmp_path, key)
    )
    with pytest.raises(InvalidInputError, match="unsigned"), open_pack(settings, EMPTY):
        pass


def test_pass_allow_unsigned_runs_an_unsigned_bundle_and_says_so(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey
) -> None:
    settings = _settings(
        tmp_path, _bundle(tmp_path, FILES), verification_key=_public(tmp_path, key),
        allow_unsigned=True,
    )  # fmt: skip
    with open_pack(settings, EMPTY) as opened:
        pack = opened.pack
    assert pack.signature is SignatureStatus.UNSIGNED and pack.allow_unsigned
    assert "--allow-unsigned" in pack.one_line()


def test_deny_allow_unsigned_never_admits_a_tampered_signed_bundle(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey
) -> None:
    tampered = sign_files(FILES, key)
    tampered["riskreg/a/a.rego"] += b"# changed\n"
    settings = _settings(
        tmp_path, _bundle(tmp_path, tampered), verification_key=_public(tmp_path, key),
        allow_unsigned=True,
    )  # fmt: skip
    with pytest.raises(InvalidInputError, match=r"riskreg/a/a\.rego: changed since signing"):
        _open(settings)


def test_pass_allow_unsigned_without_a_key_is_not_verified(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey
) -> None:
    settings = _settings(tmp_path, _bundle(tmp_path, sign_files(FILES, key)), allow_unsigned=True)
    with open_pack(settings, EMPTY) as opened:
        assert opened.pack.signature is SignatureStatus.NOT_VERIFIED


def test_pass_a_folder_runs_unsigned_and_its_additions_are_listed(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    (folder / "a").mkdir(parents=True)
    (folder / "a" / "a.rego").write_text("package riskreg.a\n")
    params = tmp_path / "team-params.yaml"
    params.write_text("riskreg_params: {}\n")
    (tmp_path / "riskreg.toml").write_text('params = "team-params.yaml"\n')
    with open_pack(_settings(tmp_path, folder), EMPTY) as opened:
        pack = opened.pack
        assert opened.settings.policies == folder
    assert pack.source is PackSource.FOLDER and pack.signature is SignatureStatus.UNSIGNED
    assert [(item.kind, item.sha256) for item in pack.additions] == [
        ("params", hashlib.sha256(params.read_bytes()).hexdigest())
    ]


def test_deny_require_signed_refuses_a_folder_and_additions(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey
) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    (folder / "a.rego").write_text("package riskreg.a\n")
    with pytest.raises(InvalidInputError, match="folder of controls carries no signature"):
        _open(_settings(tmp_path, folder, require_signed=True))
    (tmp_path / "team-params.yaml").write_text("riskreg_params: {}\n")
    (tmp_path / "riskreg.toml").write_text('params = "team-params.yaml"\n')
    signed = _settings(
        tmp_path, _bundle(tmp_path, sign_files(FILES, key)),
        verification_key=_public(tmp_path, key), require_signed=True,
    )  # fmt: skip
    with pytest.raises(InvalidInputError, match="params outside the signed control pack"):
        _open(signed)
    allowed = _settings(tmp_path, folder, require_signed=True, allow_unsigned=True)
    with open_pack(allowed, EMPTY) as opened:
        assert opened.pack.require_signed and opened.pack.allow_unsigned
        assert [item.kind for item in opened.pack.additions] == ["params"]
