"""OPA bundle signatures: `.signatures.json` holding one JWS over every file's digest.

The format is OPA's own (https://www.openpolicyagent.org/docs/management-bundles#signing), so a
bundle riskreg signs is accepted by `opa run --verification-key` and a bundle `opa build
--signing-key` signed is accepted here: the JWT payload lists `{name, hash, algorithm}` for every
file but `.signatures.json`; a structured file (`.manifest`, `data.json`) is hashed over its
parsed JSON with object keys sorted, so whitespace does not matter; any other file over its bytes.
RS256 (RSA) and ES256 (EC P-256) PEM keys. Private keys are read, used and dropped: no message
ever holds their text.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from riskreg.errors import InvalidInputError
from riskreg.workflow.archive import read_tar_gz, write_tar_gz

SIGNATURES_FILE = ".signatures.json"
HASH_ALGORITHM = "SHA-256"
STRUCTURED = ("data.json", ".manifest")  # OPA hashes these over their parsed JSON
ISSUER = "riskreg"

PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey
PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


class SignatureError(InvalidInputError):
    """A bundle is unsigned, signed by another key, or differs from what was signed (exit 3)."""


@dataclass(frozen=True)
class Verified:
    """A signature that verified: the key's id, the JWS algorithm and the files it covers."""

    key_id: str
    algorithm: str
    files: tuple[str, ...]


# Keys ---------------------------------------------------------------------------------------


def load_private_key(path: Path) -> PrivateKey:
    """An RSA or EC P-256 private key from a PEM file (unencrypted)."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot read the signing key: {exc.strerror}") from None
    except (ValueError, TypeError):
        # The library's message may quote the file; ours never does.
        raise InvalidInputError(
            f"{path}: not an unencrypted PEM private key",
            hint="make one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072",
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise InvalidInputError(f"{path}: only RSA and EC P-256 signing keys are supported")
    algorithm_for(key.public_key(), str(path))
    return key


def load_public_key(path: Path) -> PublicKey:
    """An RSA or EC P-256 public key from a PEM file (`PUBLIC KEY` or `RSA PUBLIC KEY`)."""
    try:
        key = serialization.load_pem_public_key(path.read_bytes())
    except OSError as exc:
        raise InvalidInputError(
            f"{path}: cannot read the verification key: {exc.strerror}"
        ) from None
    except (ValueError, TypeError):
        raise InvalidInputError(
            f"{path}: not a PEM public key",
            hint="derive it from the signing key: openssl pkey -in KEY -pubout -out KEY.pub",
        ) from None
    if not isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        raise InvalidInputError(f"{path}: only RSA and EC P-256 verification keys are supported")
    algorithm_for(key, str(path))
    return key


def algorithm_for(key: PublicKey, where: str) -> str:
    """The JWS algorithm a key signs with: RS256 for RSA (2048 bits or more), ES256 for P-256."""
    if isinstance(key, rsa.RSAPublicKey):
        if key.key_size < 2048:
            raise InvalidInputError(f"{where}: RSA keys shorter than 2048 bits are refused")
        return "RS256"
    if isinstance(key.curve, ec.SECP256R1):
        return "ES256"
    raise InvalidInputError(f"{where}: EC keys must be on P-256 (ES256), not {key.curve.name}")


def key_id(key: PublicKey) -> str:
    """`sha256:` and the first 16 hex digits of the key's SubjectPublicKeyInfo digest."""
    der = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return "sha256:" + hashlib.sha256(der).hexdigest()[:16]


# Hashing as OPA does ------------------------------------------------------------------------


class _Number(str):
    """A JSON number kept as written, as Go's json.Number keeps it (OPA hashes the literal)."""


def _go_json(value: str) -> str:
    # Go's encoder (HTML escaping off) writes what Python's does, and also escapes U+2028/2029.
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _canonical(value: Any) -> str:
    if isinstance(value, dict):
        items = (f"{_go_json(key)}:{_canonical(value[key])}" for key in sorted(value))
        return "{" + ",".join(items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canonical(item) for item in value) + "]"
    if isinstance(value, _Number):
        return str(value)
    if isinstance(value, str):
        return _go_json(value)
    return json.dumps(value)  # true, false, null


def file_digest(name: str, content: bytes) -> str:
    """The SHA-256 OPA records for one bundle file, in hex."""
    if name.rsplit("/", 1)[-1] not in STRUCTURED:
        return hashlib.sha256(content).hexdigest()
    try:
        value = json.loads(
            content.decode("utf-8"),
            parse_int=_Number,
            parse_float=_Number,
            parse_constant=_refuse_constant,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise SignatureError(f"{name}: not valid JSON, so it cannot be verified: {exc}") from None
    return hashlib.sha256(_canonical(value).encode("utf-8")).hexdigest()


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# Signing ------------------------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign_bytes(key: PrivateKey, message: bytes) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")  # JWS wants r || s, not DER


def signed_token(files: Mapping[str, bytes], key: PrivateKey) -> str:
    """The compact JWS over the digests of `files` (archive path -> bytes)."""
    public = key.public_key()
    header = {"alg": algorithm_for(public, "signing key"), "kid": key_id(public), "typ": "JWT"}
    listed = [
        {"name": name, "hash": file_digest(name, files[name]), "algorithm": HASH_ALGORITHM}
        for name in sorted(files)
        if name != SIGNATURES_FILE
    ]
    payload = {"files": listed, "iss": ISSUER}
    signing_input = f"{_b64(_compact(header))}.{_b64(_compact(payload))}"
    signature = _sign_bytes(key, signing_input.encode("ascii"))
    return f"{signing_input}.{_b64(signature)}"


def sign_files(files: Mapping[str, bytes], key: PrivateKey) -> dict[str, bytes]:
    """`files` with `.signatures.json` added (any earlier one replaced)."""
    unsigned = {name: data for name, data in files.items() if name != SIGNATURES_FILE}
    document = {"signatures": [signed_token(unsigned, key)]}
    return {**unsigned, SIGNATURES_FILE: (json.dumps(document, indent=1) + "\n").encode("utf-8")}


def sign_bundle(data: bytes, key: PrivateKey, mtime: int, where: str = "bundle") -> bytes:
    """A .tar.gz bundle's bytes, signed: the same files plus `.signatures.json`."""
    return write_tar_gz(sign_files(read_tar_gz(data, where), key), mtime)


def read_folder(folder: Path) -> dict[str, bytes]:
    """Every regular file under `folder` as archive path -> bytes (a bundle laid out as a folder)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=True).encode("utf-8")


# Verifying ----------------------------------------------------------------------------------


def verify_files(files: Mapping[str, bytes], key: PublicKey, where: str) -> Verified:
    """Check the signature of `files` against `key`; SignatureError names what differs."""
    if SIGNATURES_FILE not in files:
        raise SignatureError(f"{where}: unsigned: the bundle has no {SIGNATURES_FILE}")
    header, payload = _verified_token(_one_token(files[SIGNATURES_FILE], where), key, where)
    listed = _listed_files(payload, where)
    present = {name for name in files if name != SIGNATURES_FILE}
    for name in sorted(present):
        if name not in listed:
            raise SignatureError(f"{where}: {name}: added after signing (not in the signature)")
        algorithm, expected = listed[name]
        if algorithm != HASH_ALGORITHM:
            raise SignatureError(f"{where}: {name}: hash algorithm {algorithm!r} not supported")
        if file_digest(name, files[name]) != expected:
            raise SignatureError(f"{where}: {name}: changed since signing (digest differs)")
    missing = sorted(set(listed) - present)
    if missing:
        raise SignatureError(f"{where}: {missing[0]}: removed since signing")
    return Verified(key_id(key), str(header["alg"]), tuple(sorted(present)))


def verify_bundle(data: bytes, key: PublicKey, where: str) -> tuple[dict[str, bytes], Verified]:
    """A .tar.gz bundle's files once its signature verifies against `key`."""
    files = read_tar_gz(data, where, rooted=True)
    return files, verify_files(files, key, where)


def _one_token(document: bytes, where: str) -> str:
    try:
        tokens = json.loads(document).get("signatures")
    except (ValueError, AttributeError):
        tokens = None
    if not isinstance(tokens, list) or len(tokens) != 1 or not isinstance(tokens[0], str):
        raise SignatureError(f"{where}: {SIGNATURES_FILE}: expected exactly one JWT in signatures")
    return tokens[0]


def _verified_token(token: str, key: PublicKey, where: str) -> tuple[dict[str, Any], Any]:
    parts = token.split(".")
    try:
        if len(parts) != 3:
            raise ValueError("not a compact JWS")
        header = json.loads(_unb64(parts[0]))
        payload = json.loads(_unb64(parts[1]))
        signature = _unb64(parts[2])
    except ValueError:
        raise SignatureError(f"{where}: {SIGNATURES_FILE}: the JWT is malformed") from None
    expected = algorithm_for(key, "verification key")
    if not isinstance(header, dict) or header.get("alg") != expected:
        alg = header.get("alg") if isinstance(header, dict) else None
        raise SignatureError(
            f"{where}: signed with {alg!r}, but the verification key {key_id(key)} verifies "
            f"{expected}: signed by another key"
        )
    if not _signature_holds(key, f"{parts[0]}.{parts[1]}".encode("ascii"), signature):
        raise SignatureError(
            f"{where}: {SIGNATURES_FILE}: the signature does not verify against key "
            f"{key_id(key)}: signed by another key, or the signature was altered"
        )
    return header, payload


def _signature_holds(key: PublicKey, message: bytes, signature: bytes) -> bool:
    try:
        if isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        else:
            if len(signature) != 64:
                return False
            r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def _listed_files(payload: Any, where: str) -> dict[str, tuple[str, str]]:
    files = payload.get("files") if isinstance(payload, dict) else None
    if not isinstance(files, list):
        raise SignatureError(f"{where}: {SIGNATURES_FILE}: the JWT lists no files")
    listed: dict[str, tuple[str, str]] = {}
    for item in files:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise SignatureError(f"{where}: {SIGNATURES_FILE}: a listed file has no name")
        name = item["name"].removeprefix("/")
        listed[name] = (str(item.get("algorithm", "")), str(item.get("hash", "")).lower())
    return listed
