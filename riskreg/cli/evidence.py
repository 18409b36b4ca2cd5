"""`riskreg evidence`: signed, offline-verifiable bundles of what a run evaluated and decided."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from riskreg.cli.console import err, err_lines, out, with_progress, write_atomic
from riskreg.cli.options import (
    AllowUnsignedOption,
    BuiltinsOption,
    OpaBinaryOption,
    PackTrust,
    PoliciesOption,
    RequireSignedOption,
    RisksOption,
    VerificationKeyOption,
)
from riskreg.config import Flags, resolve_settings
from riskreg.errors import InvalidInputError, UsageError

app = typer.Typer(no_args_is_help=True, help="Signed evidence bundles for auditors (Ed25519).")

KEY_ENV = "RISKREG_EVIDENCE_KEY"


@app.command("keygen")
def keygen(
    private: Annotated[
        Path, typer.Option("--private", help="Private key file to write (mode 0600).")
    ] = Path("evidence-ed25519.pem"),
    public: Annotated[
        Path, typer.Option("--public", help="Public key file to write, for `verify --key`.")
    ] = Path("evidence-ed25519.pub.pem"),
) -> None:
    """Write a new Ed25519 key pair; refuses to overwrite an existing private key."""
    from riskreg.workflow.evidence import generate_keypair

    private_pem, public_pem = generate_keypair()
    try:
        handle = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise UsageError(f"{private} exists; not overwriting a private key") from None
    with os.fdopen(handle, "wb") as stream:
        stream.write(private_pem)
    write_atomic(public, public_pem)
    err(f"wrote {private} (0600) and {public}")


def _signing_key(key_file: Path | None) -> bytes:
    """The private key PEM from --key-file, else RISKREG_EVIDENCE_KEY; never from argv."""
    if key_file is not None:
        try:
            return key_file.read_bytes()
        except OSError as exc:
            raise InvalidInputError(f"{key_file}: cannot read key: {exc.strerror}") from None
    pem = os.environ.get(KEY_ENV)
    if not pem:
        raise UsageError(f"no signing key: pass --key-file FILE or set {KEY_ENV} to a PEM key")
    return pem.encode("utf-8")


@app.command("pack")
def pack(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Manifests to evaluate (or, with --from-json, the ones it evaluated)."),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Bundle to write.")] = Path(
        "evidence.tar.gz"
    ),
    key_file: Annotated[
        Path | None,
        typer.Option("--key-file", help=f"Ed25519 private key PEM [default: ${KEY_ENV}]."),
    ] = None,
    from_json: Annotated[
        Path | None,
        typer.Option("--from-json", help="Use this report JSON instead of evaluating again."),
    ] = None,
    risks: RisksOption = None,
    policies: PoliciesOption = None,
    builtins: BuiltinsOption = None,
    opa_binary: OpaBinaryOption = None,
    now: Annotated[
        str | None, typer.Option("--now", envvar="RISKREG_NOW", hidden=True, help="Clock.")
    ] = None,
    verification_key: VerificationKeyOption = None,
    allow_unsigned: AllowUnsignedOption = False,
    require_signed: RequireSignedOption = None,
) -> None:
    """Write one signed archive: report.json, the evaluated inputs, policies, register
    (with waivers), versions.json, a MANIFEST of sha256 sums and MANIFEST.sig."""
    from riskreg.run.evidence import collect
    from riskreg.workflow.evidence import load_private_key, pack_evidence

    key = load_private_key(_signing_key(key_file), str(key_file or f"${KEY_ENV}"))
    flags = Flags(risks=risks, policies=policies, opa_binary=opa_binary, now=now, builtins=builtins)
    trust = PackTrust(verification_key, allow_unsigned, require_signed)
    settings = resolve_settings(trust.onto(flags))
    evidence = with_progress(lambda progress: collect(settings, paths or [], from_json, progress))
    err_lines(evidence.messages)
    write_atomic(output, pack_evidence(evidence.files, key, int(settings.now.timestamp())))
    err(f"evidence bundle {output}: {len(evidence.files)} files signed")


@app.command("verify")
def verify(
    bundle: Annotated[Path, typer.Argument(help="Evidence bundle (.tar.gz).")],
    key: Annotated[Path, typer.Option("--key", help="Ed25519 public key PEM of the signer.")],
) -> None:
    """Check the signature and every file against the signed MANIFEST, offline.

    Exit 0 when intact; exit 3 with one line naming a wrong key or the changed, added or
    removed files.
    """
    from riskreg.workflow.evidence import load_public_key, verify_bundle

    try:
        public, data = key.read_bytes(), bundle.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"{exc.filename}: cannot read: {exc.strerror}") from None
    entries = verify_bundle(data, load_public_key(public, str(key)), str(bundle))
    out(f"{bundle}: OK, signature valid, {len(entries)} files match the MANIFEST")
