"""Signed control packs end to end: riskreg signs, the real opa accepts, riskreg verifies.

`riskreg bundle build --signing-key` writes OPA's `.signatures.json`; `opa run --server --bundle
--verification-key` and `opa build --bundle --verification-key` accept it (RS256 and ES256) and
refuse it once tampered, as `riskreg check --policies BUNDLE` does (exit 3, naming the file).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from riskreg.policy.engines.binary import OpaBinary
from riskreg.policy.engines.opa_server import free_port
from riskreg.workflow.archive import read_tar_gz, write_tar_gz
from tests.integration.conftest import REPO, run_riskreg

pytestmark = [pytest.mark.opa, pytest.mark.slow]
TARGET = "examples/deployments/browsing-agent"


def _riskreg(*args: str) -> subprocess.CompletedProcess[str]:
    return run_riskreg(*args, cwd=REPO, timeout=180)


def _write_keys(
    folder: Path, name: str, key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
) -> tuple[Path, Path]:
    private, public = folder / f"{name}.pem", folder / f"{name}.pub.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )  # fmt: skip
    public.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return private, public


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Keys, and bundles built by the CLI: signed with RSA, with EC, and unsigned."""
    folder = tmp_path_factory.mktemp("packs")
    rsa_key, rsa_pub = _write_keys(folder, "rsa", rsa.generate_private_key(65537, 3072))
    ec_key, ec_pub = _write_keys(folder, "ec", ec.generate_private_key(ec.SECP256R1()))
    found = {"rsa_key": rsa_key, "rsa_pub": rsa_pub, "ec_key": ec_key, "ec_pub": ec_pub}
    for name, key in (("rsa", rsa_key), ("ec", ec_key), ("unsigned", None)):
        bundle = folder / f"{name}.tar.gz"
        signing = ["--signing-key", str(key)] if key else []
        built = _riskreg("bundle", "build", "-o", str(bundle), *signing)
        assert built.returncode == 0, built.stderr
        assert "PRIVATE KEY" not in built.stderr + built.stdout
        found[name] = bundle
    return found


def _tampered(source: Path, dest: Path, change: str) -> Path:
    files = read_tar_gz(source.read_bytes(), str(source))
    if change == "changed":
        files["gate/gate.rego"] += b"\n# an edit after signing\n"
    elif change == "added":
        files["extra/extra.rego"] = b"package riskreg.extra\n"
    else:
        del files["riskreg_params/data.json"]
    dest.write_bytes(write_tar_gz(files, 0))
    return dest


def _opa_build_verifies(
    opa: OpaBinary, bundle: Path, public: Path, *extra: str
) -> subprocess.CompletedProcess[str]:
    out = bundle.with_suffix(".checked.tar.gz")
    return subprocess.run(
        [str(opa.path), "build", "--bundle", str(bundle), "--verification-key", str(public),
         *extra, "--output", str(out)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_pass_opa_run_serves_the_rs256_bundle_with_verification(
    opa: OpaBinary, packs: dict[str, Path], tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "opa.log"
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [str(opa.path), "run", "--server", "--addr", f"127.0.0.1:{port}",
             "--bundle", str(packs["rsa"]), "--verification-key", str(packs["rsa_pub"]),
             "--skip-version-check"],
            stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        version = _served_register_version(port, server)
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert version, log.read_text()


def _served_register_version(port: int, server: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "opa refused the signed bundle"
        try:
            url = f"http://127.0.0.1:{port}/v1/data/riskreg_register/version"
            with urllib.request.urlopen(url, timeout=2) as response:
                return str(json.load(response).get("result", ""))
        except OSError:
            time.sleep(0.1)
    raise AssertionError("opa did not serve the signed bundle")


def test_pass_opa_verifies_rs256_and_es256_and_refuses_tampering(
    opa: OpaBinary, packs: dict[str, Path], tmp_path: Path
) -> None:
    assert _opa_build_verifies(opa, packs["rsa"], packs["rsa_pub"]).returncode == 0
    es256 = _opa_build_verifies(opa, packs["ec"], packs["ec_pub"], "--signing-alg", "ES256")
    assert es256.returncode == 0, es256.stderr
    wrong = _opa_build_verifies(opa, packs["ec"], packs["rsa_pub"])
    assert wrong.returncode != 0
    changed = _tampered(packs["rsa"], tmp_path / "changed.tar.gz", "changed")
    refused = _opa_build_verifies(opa, changed, packs["rsa_pub"])
    said = refused.stdout + refused.stderr  # opa prints its error on stdout
    assert refused.returncode != 0 and "gate/gate.rego: digest mismatch" in said
    unsigned = _opa_build_verifies(opa, packs["unsigned"], packs["rsa_pub"])
    assert unsigned.returncode != 0
    assert ".signatures.json" in unsigned.stdout + unsigned.stderr


def test_pass_check_runs_a_verified_bundle_and_every_report_names_it(
    packs: dict[str, Path], tmp_path: Path
) -> None:
    sarif = tmp_path / "run.sarif"
    run = _riskreg(
        "check", TARGET, "--policies", str(packs["ec"]), "--verification-key",
        str(packs["ec_pub"]), "-f", "json",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    pack = json.loads(run.stdout)["control_pack"]
    assert pack["signature"] == "verified" and pack["algorithm"] == "ES256"
    assert pack["key_id"].startswith("sha256:") and pack["path"] == str(packs["ec"])
    assert "signature verified" in run.stderr
    again = _riskreg(
        "check", TARGET, "--policies", str(packs["ec"]), "-f", "sarif", "-o", str(sarif),
    )  # fmt: skip
    assert again.returncode == 3, "without a key the bundle cannot be trusted"
    env_run = subprocess.run(
        [sys.executable, "-m", "riskreg", "check", TARGET, "--policies", str(packs["ec"]),
         "-f", "sarif", "-o", str(sarif)],
        capture_output=True, text=True, timeout=180, check=False, cwd=REPO,
        env={**_env(), "RISKREG_VERIFICATION_KEY": str(packs["ec_pub"])},
    )  # fmt: skip
    assert env_run.returncode == 0, env_run.stderr
    properties = json.loads(sarif.read_text())["runs"][0]["properties"]
    assert properties["riskreg/controlPack"]["signature"] == "verified"
    private = packs["ec_key"].read_text()
    assert all(line not in run.stdout + sarif.read_text() for line in private.splitlines()[1:-1])


def _env() -> dict[str, str]:
    import os

    return {
        k: v for k, v in os.environ.items() if not k.startswith("RISKREG_") or k == "RISKREG_OPA"
    }


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("changed", "gate/gate.rego: changed since signing"),
        ("added", "extra/extra.rego: added after signing"),
        ("removed", "riskreg_params/data.json: removed since signing"),
    ],
)
def test_deny_check_refuses_a_tampered_bundle_naming_the_file(
    packs: dict[str, Path], tmp_path: Path, change: str, named: str
) -> None:
    bundle = _tampered(packs["rsa"], tmp_path / f"{change}.tar.gz", change)
    run = _riskreg(
        "check", TARGET, "--policies", str(bundle), "--verification-key", str(packs["rsa_pub"])
    )
    assert run.returncode == 3, run.stderr
    assert named in run.stderr and run.stdout == ""


def test_deny_check_refuses_wrong_key_and_unsigned_unless_allowed(packs: dict[str, Path]) -> None:
    wrong = _riskreg(
        "check", TARGET, "--policies", str(packs["rsa"]), "--verification-key", str(packs["ec_pub"])
    )
    assert wrong.returncode == 3 and "signed by another key" in wrong.stderr
    unsigned = _riskreg(
        "check",
        TARGET,
        "--policies",
        str(packs["unsigned"]),
        "--verification-key",
        str(packs["rsa_pub"]),
    )
    assert unsigned.returncode == 3 and "unsigned" in unsigned.stderr
    allowed = _riskreg(
        "check", TARGET, "--policies", str(packs["unsigned"]), "--verification-key",
        str(packs["rsa_pub"]), "--allow-unsigned", "-f", "json",
    )  # fmt: skip
    assert allowed.returncode == 0, allowed.stderr
    pack = json.loads(allowed.stdout)["control_pack"]
    assert pack["signature"] == "unsigned" and pack["allow_unsigned"] is True
    still_refused = _riskreg(
        "check", TARGET, "--policies", str(packs["rsa"]), "--verification-key",
        str(packs["ec_pub"]), "--allow-unsigned",
    )  # fmt: skip
    assert still_refused.returncode == 3, "a failing signature is never let through"


def test_pass_report_html_and_markdown_name_the_pack(
    packs: dict[str, Path], tmp_path: Path
) -> None:
    run = _riskreg(
        "report", TARGET, "--policies", str(packs["rsa"]), "--verification-key",
        str(packs["rsa_pub"]), "-f", "html", "-f", "md", "-f", "oscal", "--output-dir", str(tmp_path),
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    html = (tmp_path / "riskreg-report.html").read_text()
    assert "The control pack that ran" in html and "RS256" in html
    assert "**Control pack:**" in (tmp_path / "riskreg-report.md").read_text()
    oscal = (tmp_path / "riskreg-report.oscal-ar.json").read_text()
    assert "control-pack-signature" in oscal


@pytest.mark.parametrize(
    "command",
    [
        ["coverage", "-f", "json"],
        ["coverage", TARGET, "-f", "json"],
        ["graph", TARGET],
        ["systems", "show", "browsing-agent", TARGET, "-f", "json"],
        ["baseline", "update", TARGET, "-o", "{tmp}/baseline.json"],
        ["evidence", "pack", TARGET, "-o", "{tmp}/evidence.tar.gz", "--key-file", "{tmp}/ev.pem"],
    ],
    ids=["coverage", "coverage-paths", "graph", "systems-show", "baseline", "evidence"],
)
def test_pass_every_command_that_runs_controls_takes_the_verification_key(
    packs: dict[str, Path], tmp_path: Path, command: list[str]
) -> None:
    """coverage, graph, systems show, baseline update and evidence pack verify a --policies bundle
    against --verification-key as check does, and refuse it without one (exit 3)."""
    from riskreg.workflow.evidence import generate_keypair

    (tmp_path / "ev.pem").write_bytes(generate_keypair()[0])
    argv = [part.format(tmp=tmp_path) for part in command]
    pack = ["--policies", str(packs["ec"])]
    run = _riskreg(*argv, *pack, "--verification-key", str(packs["ec_pub"]))
    assert run.returncode == 0, run.stderr
    assert "signature verified (key sha256:" in run.stderr
    refused = _riskreg(*argv, *pack)
    assert refused.returncode == 3 and "no verification key is configured" in refused.stderr
    allowed = _riskreg(*argv, *pack, "--allow-unsigned")
    assert allowed.returncode == 0 and "signature not-verified" in allowed.stderr
    strict = _riskreg(*argv, *pack, "--verification-key", str(packs["ec_pub"]), "--require-signed")
    assert strict.returncode == 0, strict.stderr


def test_deny_require_signed_refuses_the_policies_folder(tmp_path: Path) -> None:
    run = _riskreg("check", TARGET, "--require-signed")
    assert run.returncode == 3 and "carries no signature" in run.stderr
    allowed = _riskreg("check", TARGET, "--require-signed", "--allow-unsigned", "-f", "json")
    assert allowed.returncode == 0, allowed.stderr
    pack = json.loads(allowed.stdout)["control_pack"]
    assert pack["source"] == "folder" and pack["require_signed"] and pack["allow_unsigned"]


def test_pass_riskreg_verifies_a_bundle_opa_build_signed(
    opa: OpaBinary, packs: dict[str, Path], tmp_path: Path
) -> None:
    """OPA's own signer, with data whose hashing is easy to get wrong (number literals, key
    order, non-ASCII, U+2028, HTML characters): riskreg's digests must equal opa's."""
    from riskreg.workflow.signing import load_public_key, verify_bundle

    folder = tmp_path / "src"
    (folder / "riskreg" / "x").mkdir(parents=True)
    (folder / "riskreg" / "x" / "x.rego").write_text("package riskreg.x\n\nallow := true\n")
    (folder / "riskreg" / "x" / "data.json").write_text(
        '{"z": 1.50, "a": [1e3, -0, "<&>"], "é": "line\\u2028sep\\ttab", "n": null, "t": true}'
    )
    out = tmp_path / "opa-signed.tar.gz"
    built = subprocess.run(
        [str(opa.path), "build", "--bundle", str(folder), "--signing-key", str(packs["rsa_key"]),
         "--output", str(out)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stdout + built.stderr
    files, verified = verify_bundle(out.read_bytes(), load_public_key(packs["rsa_pub"]), "b")
    assert verified.algorithm == "RS256" and b"1.50" in files["data.json"]


def test_pass_a_recorded_bundle_run_keeps_the_bundle_revision(
    packs: dict[str, Path], tmp_path: Path
) -> None:
    from riskreg.workflow.archive import read_tar_gz

    history = tmp_path / "history.sqlite"
    run = _riskreg(
        "check", TARGET, "--policies", str(packs["rsa"]), "--verification-key",
        str(packs["rsa_pub"]), "--record", "--history", str(history),
    )  # fmt: skip
    assert run.returncode == 0 and "recorded run" in run.stderr, run.stderr
    manifest = json.loads(read_tar_gz(packs["rsa"].read_bytes(), "b")[".manifest"])
    import sqlite3

    with sqlite3.connect(history) as db:
        text = " ".join(str(row) for row in db.execute("select * from runs"))
    assert manifest["revision"] in text
