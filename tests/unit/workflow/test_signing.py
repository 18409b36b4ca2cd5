"""OPA bundle signatures: what verifies, and what each kind of tampering is reported as."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from riskreg.errors import ExitCode, InvalidInputError
from riskreg.workflow.archive import read_tar_gz, write_tar_gz
from riskreg.workflow.signing import (
    SIGNATURES_FILE,
    SignatureError,
    file_digest,
    key_id,
    load_private_key,
    load_public_key,
    sign_bundle,
    sign_files,
    verify_bundle,
    verify_files,
)

FILES = {
    ".manifest": b'{"revision": "abc", "roots": ["riskreg"]}\n',
    "riskreg/a/a.rego": b"package riskreg.a\n\ndeny contains 1 if false\n",
    "riskreg_params/data.json": b'{"ceiling": 1.50, "names": ["x"]}\n',
}


@pytest.fixture(scope="module")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def ec_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def test_pass_rs256_and_es256_round_trip(
    rsa_key: rsa.RSAPrivateKey, ec_key: ec.EllipticCurvePrivateKey
) -> None:
    for key, algorithm in ((rsa_key, "RS256"), (ec_key, "ES256")):
        signed = sign_files(FILES, key)
        verified = verify_files(signed, key.public_key(), "pack")
        assert verified.algorithm == algorithm
        assert verified.key_id == key_id(key.public_key())
        assert set(verified.files) == set(FILES)


def test_pass_signed_token_lists_every_file_as_opa_does(rsa_key: rsa.RSAPrivateKey) -> None:
    signed = sign_files(FILES, rsa_key)
    token = json.loads(signed[SIGNATURES_FILE])["signatures"][0]
    header, payload = (json.loads(_unb64(part)) for part in token.split(".")[:2])
    assert header["alg"] == "RS256" and header["kid"].startswith("sha256:")
    assert {item["name"] for item in payload["files"]} == set(FILES)
    assert {item["algorithm"] for item in payload["files"]} == {"SHA-256"}


def test_pass_structured_files_hash_their_json_not_their_whitespace() -> None:
    compact = b'{"roots":["riskreg"],"revision":"abc"}'
    assert file_digest(".manifest", compact) == file_digest(".manifest", FILES[".manifest"])
    # A number is hashed as written (OPA keeps json.Number literals): 1.50 is not 1.5.
    one = file_digest("x/data.json", b'{"n": 1.50}')
    assert one != file_digest("x/data.json", b'{"n": 1.5}')
    # Any other file is hashed over its bytes.
    assert file_digest("a.rego", b"x ") != file_digest("a.rego", b"x")


def test_deny_a_changed_file_is_named(rsa_key: rsa.RSAPrivateKey) -> None:
    signed = sign_files(FILES, rsa_key)
    signed["riskreg/a/a.rego"] += b"deny contains 2 if true\n"
    with pytest.raises(SignatureError, match=r"riskreg/a/a\.rego: changed since signing"):
        verify_files(signed, rsa_key.public_key(), "pack")


def test_deny_a_changed_data_value_is_named(rsa_key: rsa.RSAPrivateKey) -> None:
    signed = sign_files(FILES, rsa_key)
    signed["riskreg_params/data.json"] = b'{"ceiling": 100, "names": ["x"]}'
    with pytest.raises(SignatureError, match=r"riskreg_params/data\.json: changed since signing"):
        verify_files(signed, rsa_key.public_key(), "pack")


def test_deny_an_added_file_is_named(rsa_key: rsa.RSAPrivateKey) -> None:
    signed = sign_files(FILES, rsa_key)
    signed["riskreg/b/b.rego"] = b"package riskreg.b\n"
    with pytest.raises(SignatureError, match=r"riskreg/b/b\.rego: added after signing"):
        verify_files(signed, rsa_key.public_key(), "pack")


def test_deny_a_removed_file_is_named(rsa_key: rsa.RSAPrivateKey) -> None:
    signed = sign_files(FILES, rsa_key)
    del signed["riskreg_params/data.json"]
    with pytest.raises(SignatureError, match=r"riskreg_params/data\.json: removed since signing"):
        verify_files(signed, rsa_key.public_key(), "pack")


def test_deny_another_key_of_the_same_kind(rsa_key: rsa.RSAPrivateKey) -> None:
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signed = sign_files(FILES, other)
    with pytest.raises(SignatureError, match="does not verify against key sha256:"):
        verify_files(signed, rsa_key.public_key(), "pack")


def test_deny_a_key_of_another_algorithm(
    rsa_key: rsa.RSAPrivateKey, ec_key: ec.EllipticCurvePrivateKey
) -> None:
    signed = sign_files(FILES, ec_key)
    with pytest.raises(SignatureError, match=r"signed with 'ES256'.*verifies RS256"):
        verify_files(signed, rsa_key.public_key(), "pack")


def test_deny_unsigned_and_malformed_signatures(rsa_key: rsa.RSAPrivateKey) -> None:
    with pytest.raises(SignatureError, match="unsigned") as caught:
        verify_files(FILES, rsa_key.public_key(), "pack")
    assert caught.value.exit_code is ExitCode.INVALID_INPUT
    two = {**FILES, SIGNATURES_FILE: b'{"signatures": ["a.b.c", "d.e.f"]}'}
    with pytest.raises(SignatureError, match="exactly one JWT"):
        verify_files(two, rsa_key.public_key(), "pack")
    bad = {**FILES, SIGNATURES_FILE: b'{"signatures": ["not-a-jwt"]}'}
    with pytest.raises(SignatureError, match="malformed"):
        verify_files(bad, rsa_key.public_key(), "pack")


def test_deny_a_re_signed_payload_under_the_old_signature(rsa_key: rsa.RSAPrivateKey) -> None:
    signed = sign_files(FILES, rsa_key)
    token = json.loads(signed[SIGNATURES_FILE])["signatures"][0]
    head, _, signature = token.split(".")
    forged_payload = _b64(json.dumps({"files": []}).encode())
    signed[SIGNATURES_FILE] = json.dumps(
        {"signatures": [f"{head}.{forged_payload}.{signature}"]}
    ).encode()
    with pytest.raises(SignatureError, match="does not verify"):
        verify_files(signed, rsa_key.public_key(), "pack")


def test_pass_bundle_bytes_sign_and_verify(ec_key: ec.EllipticCurvePrivateKey) -> None:
    data = sign_bundle(write_tar_gz(FILES, 0), ec_key, 0)
    files, verified = verify_bundle(data, ec_key.public_key(), "bundle.tar.gz")
    assert SIGNATURES_FILE in read_tar_gz(data, "b") and verified.algorithm == "ES256"
    assert files["riskreg/a/a.rego"] == FILES["riskreg/a/a.rego"]


def test_pass_rs256_signing_is_deterministic(rsa_key: rsa.RSAPrivateKey) -> None:
    assert sign_bundle(write_tar_gz(FILES, 7), rsa_key, 7) == sign_bundle(
        write_tar_gz(FILES, 7), rsa_key, 7
    )


def test_deny_key_files_are_never_quoted(tmp_path: Path) -> None:
    secret = tmp_path / "key.pem"
    secret.write_text("-----BEGIN PRIVATE KEY-----\nTOPSECRETMATERIAL\n-----END PRIVATE KEY-----\n")
    with pytest.raises(InvalidInputError) as caught:
        load_private_key(secret)
    assert "TOPSECRET" not in caught.value.one_line()
    with pytest.raises(InvalidInputError) as caught:
        load_public_key(secret)
    assert "TOPSECRET" not in caught.value.one_line()


def test_deny_weak_and_unsupported_keys(tmp_path: Path) -> None:
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    path = tmp_path / "weak.pem"
    path.write_bytes(
        weak.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    with pytest.raises(InvalidInputError, match="shorter than 2048"):
        load_private_key(path)
    p384 = ec.generate_private_key(ec.SECP384R1()).public_key()
    pub = tmp_path / "p384.pub.pem"
    pub.write_bytes(
        p384.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    with pytest.raises(InvalidInputError, match="P-256"):
        load_public_key(pub)


def _b64(data: bytes) -> str:
    import base64

    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    import base64

    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
