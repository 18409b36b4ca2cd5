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
    # From a source checkout the built-in pack is unsigned; the team's folder is an addition.
    assert pack.source is PackSource.BUILTIN and pack.signature is SignatureStatus.UNSIGNED
    assert [(item.kind, item.path) for item in pack.additions] == [
        ("policies", str(folder)),
        ("params", str(params)),
    ]
    assert pack.additions[1].sha256 == hashlib.sha256(params.read_bytes()).hexdigest()
    alone = _open(_settings(tmp_path, folder, builtins=False))
    assert alone.source is PackSource.FOLDER and alone.path == str(folder)
    assert [item.kind for item in alone.additions] == ["params"]


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
        assert [item.kind for item in opened.pack.additions] == ["policies", "params"]


# The built-in pack, signed as the wheel build signs it (.ci/hatch_sign_pack.py) --------------


@pytest.fixture
def signed_builtins(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A built-in pack folder with `.signatures.json` and its shipped public key, as installed."""
    folder = tmp_path / "_builtin" / "policies"
    files = {"gate/gate.rego": b"package riskreg.gate\n", "params.yaml": b"riskreg_params: {}\n"}
    for name, data in sign_files(files, key).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    monkeypatch.setattr("riskreg.run.packs.builtin_folder", lambda kind: folder)
    public = _public(tmp_path / "_builtin", key)
    monkeypatch.setattr("riskreg.resources.builtin_pack_key", lambda: public)
    monkeypatch.chdir(tmp_path)  # no ./policies of the checkout beside the built-ins
    return folder


def _builtin_settings(tmp_path: Path, **flags: object) -> Settings:
    return resolve_settings(Flags(**flags), env={}, start=tmp_path)  # type: ignore[arg-type]


def test_pass_the_signed_built_in_pack_is_verified_with_its_key_id(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey, signed_builtins: Path
) -> None:
    pack = _open(_builtin_settings(tmp_path))
    assert pack.source is PackSource.BUILTIN and pack.path == str(signed_builtins)
    assert pack.signature is SignatureStatus.VERIFIED and pack.algorithm == "ES256"
    assert pack.key_id == key_id(key.public_key()) and pack.additions == []
    assert f"signature verified (key {pack.key_id}, ES256)" in pack.one_line()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("changed", r"built-in pack .*: gate/gate\.rego: changed since signing"),
        ("added", r"built-in pack .*: extra/extra\.rego: added after signing"),
        ("removed", r"built-in pack .*: params\.yaml: removed since signing"),
    ],
)
def test_deny_a_changed_added_or_removed_built_in_file_names_it(
    tmp_path: Path, signed_builtins: Path, change: str, message: str
) -> None:
    if change == "changed":
        (signed_builtins / "gate" / "gate.rego").write_text("package riskreg.gate\n# edited\n")
    elif change == "added":
        (signed_builtins / "extra").mkdir()
        (signed_builtins / "extra" / "extra.rego").write_text("package riskreg.extra\n")
    else:
        (signed_builtins / "params.yaml").unlink()
    with pytest.raises(InvalidInputError, match=message) as caught:
        _open(_builtin_settings(tmp_path))
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    assert caught.value.hint is not None and "reinstall" in caught.value.hint


def test_pass_allow_unsigned_runs_a_changed_built_in_pack_and_records_why(
    tmp_path: Path, key: ec.EllipticCurvePrivateKey, signed_builtins: Path
) -> None:
    (signed_builtins / "gate" / "gate.rego").write_text("package riskreg.gate\n# edited\n")
    pack = _open(_builtin_settings(tmp_path, allow_unsigned=True))
    assert pack.signature is SignatureStatus.FAILED and pack.allow_unsigned
    assert pack.key_id == key_id(key.public_key())
    assert pack.problem == "gate/gate.rego: changed since signing (digest differs)"
    assert "signature failed" in pack.one_line() and "gate/gate.rego" in pack.one_line()


def test_pass_a_team_folder_beside_the_verified_built_ins_is_an_addition(
    tmp_path: Path, signed_builtins: Path
) -> None:
    from riskreg.models.pack import PolicyRoot
    from riskreg.workflow.digest import policy_digest

    team = tmp_path / "team-controls"
    (team / "acme").mkdir(parents=True)
    (team / "acme" / "owner.rego").write_text("package riskreg.acme.owner\n")
    with open_pack(_builtin_settings(tmp_path, policies=team), EMPTY) as opened:
        pack = opened.pack
        assert opened.settings.policies == team and opened.settings.builtins
    assert pack.signature is SignatureStatus.VERIFIED and pack.path == str(signed_builtins)
    expected = policy_digest([PolicyRoot(path=team, prefix="project/")])
    assert [(a.kind, a.path, a.sha256) for a in pack.additions] == [
        ("policies", str(team), expected)
    ]
    assert "1 unsigned additions" in pack.one_line()


def test_deny_require_signed_refuses_a_team_folder_but_not_the_verified_built_ins(
    tmp_path: Path, signed_builtins: Path
) -> None:
    assert _open(_builtin_settings(tmp_path, require_signed=True)).require_signed
    team = tmp_path / "team-controls"
    team.mkdir()
    (team / "owner.rego").write_text("package riskreg.acme.owner\n")
    settings = _builtin_settings(tmp_path, policies=team, require_signed=True)
    with pytest.raises(InvalidInputError, match="policies outside the signed control pack"):
        _open(settings)
    allowed = _builtin_settings(tmp_path, policies=team, require_signed=True, allow_unsigned=True)
    assert [a.kind for a in _open(allowed).additions] == ["policies"]


def test_pass_a_source_checkout_runs_its_built_ins_unsigned_as_a_builtin_pack(
    tmp_path: Path,
) -> None:
    pack = _open(_builtin_settings(tmp_path))
    assert pack.source is PackSource.BUILTIN and pack.signature is SignatureStatus.UNSIGNED
    assert pack.key_id is None and pack.path.endswith("policies")
    with pytest.raises(InvalidInputError, match="carries no signature and require_signed"):
        _open(_builtin_settings(tmp_path, require_signed=True))


def test_deny_an_installed_pack_without_its_signature_or_key_is_not_run_as_unsigned(
    tmp_path: Path, signed_builtins: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (signed_builtins / ".signatures.json").unlink()
    with pytest.raises(InvalidInputError, match=r"unsigned: the bundle has no \.signatures\.json"):
        _open(_builtin_settings(tmp_path))
    monkeypatch.setattr("riskreg.resources.builtin_pack_key", lambda: tmp_path / "gone.pem")
    with pytest.raises(InvalidInputError, match=r"its public key .*gone\.pem is missing"):
        _open(_builtin_settings(tmp_path))
    pack = _open(_builtin_settings(tmp_path, allow_unsigned=True))
    assert pack.signature is SignatureStatus.FAILED and pack.key_id is None
