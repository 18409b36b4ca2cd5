"""Which controls may run: a signed pack only when its signature verifies, unsigned input by choice.

The built-in pack of an installed wheel is checked file by file against the `.signatures.json`
its build wrote (.ci/hatch_sign_pack.py) before opa loads it; from a source checkout it carries
no signature and is recorded as unsigned.

`--policies` names a folder of .rego files (unsigned by nature) or a `.tar.gz` bundle. A bundle
runs only when its `.signatures.json` verifies against the configured public key
(`--verification-key`, RISKREG_VERIFICATION_KEY, `[tool.riskreg] verification_key`); a bundle
whose signature fails, or that differs from what was signed, never runs. `--allow-unsigned` lets
an unsigned bundle run, or a signed one without a key, and every report says so. Team-owned
additions outside the pack (a params override, register links to controls) and a folder of
controls are listed with their digests, and refused when `require_signed` is set.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from riskreg.errors import InvalidInputError

if TYPE_CHECKING:
    from riskreg.config import Settings
    from riskreg.models.pack import PolicyRoot
    from riskreg.models.provenance_pack import ControlPack, PackAddition, SignatureStatus
    from riskreg.models.risk import Register

PARAMS_DATA = "riskreg_params/data.json"
REINSTALL_HINT = (
    "the installed riskreg was changed after its wheel was built: reinstall it; --allow-unsigned "
    "runs it anyway (recorded in every report)"
)


@dataclass(frozen=True)
class OpenedPack:
    """The settings to evaluate with (policies: a folder OPA loads) and the pack's record."""

    settings: Settings
    pack: ControlPack


@contextmanager
def open_pack(settings: Settings, register: Register) -> Iterator[OpenedPack]:
    """The run's control pack, verified (a bundle is unpacked into a temporary folder)."""
    additions = pack_additions(settings, register)
    if settings.policies.is_file():
        with _bundle_pack(settings, additions) as opened:
            yield opened
    else:
        yield OpenedPack(settings, _folder_pack(settings, additions))


def pack_additions(settings: Settings, register: Register) -> list[PackAddition]:
    """Team-owned inputs that shape verdicts but no pack signature covers, with their digests."""
    from riskreg.models.provenance_pack import PackAddition
    from riskreg.register.links import register_links
    from riskreg.workflow.digest import sha256_file

    found = []
    if settings.params is not None and settings.params.is_file():
        found.append(PackAddition(kind="params", path=str(settings.params), sha256=sha256_file(settings.params)))  # fmt: skip
    links = register_links(register)
    if links:
        text = json.dumps(links, sort_keys=True, separators=(",", ":")).encode("utf-8")
        digest = hashlib.sha256(text).hexdigest()
        found.append(PackAddition(kind="register-links", path=str(settings.risks), sha256=digest))
    return found


def _folder_pack(settings: Settings, additions: list[PackAddition]) -> ControlPack:
    """The folders a run loads: the built-in pack, verified when the wheel build signed it, with a
    team's own controls folder beside it as an addition; or, with --no-builtins, the team's folder
    alone. No signature covers a team's folder, so `require_signed` refuses it unless
    --allow-unsigned says otherwise."""
    from riskreg.models.provenance_pack import ControlPack, PackSource, SignatureStatus
    from riskreg.run.packs import policy_roots
    from riskreg.workflow.digest import policy_digest

    roots = policy_roots(settings)  # a named folder that is missing is invalid input there
    builtin = next((root for root in roots if root.builtin), None)
    pack_roots = [builtin] if builtin is not None else roots
    additions = [*(_team_folder(root) for root in roots if root not in pack_roots), *additions]
    unsigned = _Signature(SignatureStatus.UNSIGNED)
    signature = _verify_builtin(settings, builtin.path) if builtin is not None else unsigned
    where = ", ".join(str(root.path) for root in pack_roots)
    if signature.status is SignatureStatus.UNSIGNED and settings.require_signed:
        _refuse_unsigned_folder(settings, where)
    _refuse_additions(settings, additions)
    digest = policy_digest(pack_roots)
    return ControlPack(
        source=PackSource.BUILTIN if builtin is not None else PackSource.FOLDER, path=where,
        revision=digest, sha256=digest, signature=signature.status, key_id=signature.key_id,
        algorithm=signature.algorithm, problem=signature.problem,
        allow_unsigned=settings.allow_unsigned, require_signed=settings.require_signed,
        additions=additions,
    )  # fmt: skip


@dataclass(frozen=True)
class _Signature:
    status: SignatureStatus
    key_id: str | None = None
    algorithm: str | None = None
    problem: str | None = None


def _verify_builtin(settings: Settings, folder: Path) -> _Signature:
    """The built-in pack checked file by file against the signature its wheel build made, before
    opa loads it; a source checkout has no signature and runs unsigned, as it always did."""
    from riskreg.models.provenance_pack import SignatureStatus
    from riskreg.resources import builtin_pack_key

    key_file = builtin_pack_key()
    if key_file is None:  # a checkout: no cryptography import, nothing to verify
        return _Signature(SignatureStatus.UNSIGNED)
    from riskreg.workflow.signing import (
        SignatureError,
        algorithm_for,
        key_id,
        load_public_key,
        read_folder,
        verify_files,
    )

    where = f"built-in pack {folder}"
    key = load_public_key(key_file) if key_file.is_file() else None
    try:
        if key is None:
            raise SignatureError(f"{where}: its public key {key_file} is missing")
        verified = verify_files(read_folder(folder), key, where)
    except SignatureError as exc:
        if not settings.allow_unsigned:
            raise SignatureError(exc.message, hint=REINSTALL_HINT) from None
        problem = exc.message.removeprefix(f"{where}: ")
        if key is None:
            return _Signature(SignatureStatus.FAILED, problem=problem)
        return _Signature(SignatureStatus.FAILED, key_id(key), algorithm_for(key, "key"), problem)
    return _Signature(SignatureStatus.VERIFIED, verified.key_id, verified.algorithm)


def _team_folder(root: PolicyRoot) -> PackAddition:
    """A team's own controls beside the built-in pack: no signature covers them."""
    from riskreg.models.provenance_pack import PackAddition
    from riskreg.workflow.digest import policy_digest

    return PackAddition(kind="policies", path=str(root.path), sha256=policy_digest([root]))


def _refuse_unsigned_folder(settings: Settings, where: str) -> None:
    if not settings.allow_unsigned:
        raise InvalidInputError(
            f"{where}: a folder of controls carries no signature and require_signed is set",
            hint="run a bundle signed by `riskreg bundle build --signing-key`, or pass "
            "--allow-unsigned (recorded in every report)",
        )


@contextmanager
def _bundle_pack(settings: Settings, additions: list[PackAddition]) -> Iterator[OpenedPack]:
    from riskreg.models.provenance_pack import ControlPack, PackSource
    from riskreg.workflow.archive import read_tar_gz

    path = settings.policies
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"{path}: cannot read the bundle: {exc.strerror}") from None
    files = read_tar_gz(data, str(path), rooted=True)
    status, key_id, algorithm = verify_pack(settings, files, str(path))
    _refuse_additions(settings, additions)
    pack = ControlPack(
        source=PackSource.BUNDLE, path=str(path), revision=_revision(files, str(path)),
        sha256=hashlib.sha256(data).hexdigest(), signature=status, key_id=key_id,
        algorithm=algorithm, allow_unsigned=settings.allow_unsigned,
        require_signed=settings.require_signed, additions=additions,
    )  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="riskreg-pack-") as scratch:
        folder = Path(scratch) / "policies"
        unpack_policies(files, folder, str(path))
        # The bundle is the whole control pack: the built-ins are not loaded next to it (a
        # bundle built with them on holds them already).
        yield OpenedPack(replace(settings, policies=folder, builtins=False), pack)


def verify_pack(
    settings: Settings, files: dict[str, bytes], where: str
) -> tuple[SignatureStatus, str | None, str | None]:
    """The signature's status, key id and algorithm; refuses what may not run (exit 3)."""
    from riskreg.models.provenance_pack import SignatureStatus
    from riskreg.workflow.signing import SIGNATURES_FILE, load_public_key, verify_files

    signed = SIGNATURES_FILE in files
    if settings.verification_key is None:
        if settings.allow_unsigned:
            status = SignatureStatus.NOT_VERIFIED if signed else SignatureStatus.UNSIGNED
            return status, None, None
        raise InvalidInputError(
            f"{where}: no verification key is configured, so the bundle cannot be trusted",
            hint="pass --verification-key FILE (or RISKREG_VERIFICATION_KEY, [tool.riskreg] "
            "verification_key), or --allow-unsigned (recorded in every report)",
        )
    key = load_public_key(settings.verification_key)
    if not signed and settings.allow_unsigned:
        return SignatureStatus.UNSIGNED, None, None
    # A signature that is present but fails is evidence of tampering: never let it run.
    verified = verify_files(files, key, where)
    return SignatureStatus.VERIFIED, verified.key_id, verified.algorithm


def _refuse_additions(settings: Settings, additions: list[PackAddition]) -> None:
    if settings.require_signed and additions and not settings.allow_unsigned:
        first = additions[0]
        raise InvalidInputError(
            f"{first.path}: {first.kind} outside the signed control pack, and require_signed "
            "is set",
            hint="put it in the signed pack, set require_signed = false, or pass "
            "--allow-unsigned (recorded in every report)",
        )


def _revision(files: dict[str, bytes], where: str) -> str:
    try:
        manifest = json.loads(files.get(".manifest", b"{}"))
    except ValueError:
        raise InvalidInputError(f"{where}: .manifest is not valid JSON") from None
    revision = manifest.get("revision") if isinstance(manifest, dict) else None
    return str(revision) if revision else "unknown"


def unpack_policies(files: dict[str, bytes], folder: Path, where: str) -> None:
    """Write a bundle's .rego files, and its parameters as params.yaml, as a policies folder."""
    from riskreg.policy.params import PARAMS_FILE, PARAMS_ROOT

    policies = {name: data for name, data in files.items() if name.endswith(".rego")}
    if not policies:
        raise InvalidInputError(f"{where}: the bundle holds no .rego policies")
    for name, data in policies.items():
        target = folder.joinpath(*PurePosixPath(name).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if PARAMS_DATA in files:
        try:
            params = json.loads(files[PARAMS_DATA])
        except ValueError:
            raise InvalidInputError(f"{where}: {PARAMS_DATA} is not valid JSON") from None
        # JSON is YAML: riskreg.policy.params reads it back as the pack's defaults.
        (folder / PARAMS_FILE).write_text(json.dumps({PARAMS_ROOT: params}, indent=1) + "\n")
