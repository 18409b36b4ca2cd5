"""Hatch build hook: sign the built-in control pack as the wheel is built, ship only the public key.

Every file the wheel carries under `riskreg/_builtin/policies/` is listed with its SHA-256 in
`riskreg/_builtin/policies/.signatures.json` (OPA's bundle signature format, written by
riskreg.workflow.signing, the code `riskreg bundle build` uses), and the public key goes to
`riskreg/_builtin/pack.pub.pem`; riskreg verifies the installed pack against it on every run.

The key is made for this build and dropped when the hook ends: it is never written to disk, so
the signature proves the pack is unchanged since the build, not who built it. A release build
may sign with a key kept outside the repository instead: RISKREG_PACK_SIGNING_KEY=/path/key.pem
(an unencrypted RSA or EC P-256 PEM); that key is only read, and its public half is shipped.

This file lives in .ci/ (the repository's build tooling), not under riskreg/: there it would be
shipped in the wheel and checked by mypy strict against hatchling, which is a build dependency only.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PACK = "riskreg/_builtin/policies/"
PUBLIC_KEY = "riskreg/_builtin/pack.pub.pem"
RELEASE_KEY_ENV = "RISKREG_PACK_SIGNING_KEY"


class SignBuiltinPackHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds `.signatures.json` and the public key to the wheel (not to editable installs)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if version == "editable":  # an editable install reads the checkout in place: unsigned
            return
        sys.path.insert(0, self.root)  # riskreg's own signing code, from this checkout
        sys.dont_write_bytecode = True  # no __pycache__ left in the checkout by the build
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ec

        from riskreg.workflow.signing import SIGNATURES_FILE, load_private_key, sign_files

        files = {
            item.distribution_path.removeprefix(PACK): Path(item.path).read_bytes()
            for item in self.build_config.builder.recurse_selected_project_files()
            if item.distribution_path.startswith(PACK)
        }
        if not files:
            raise RuntimeError(f"no files under {PACK}: the built-in pack would ship unsigned")
        release = os.environ.get(RELEASE_KEY_ENV)
        key = (
            load_private_key(Path(release)) if release else ec.generate_private_key(ec.SECP256R1())
        )
        signed = sign_files(files, key)[SIGNATURES_FILE]
        public = key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        del key  # the private key is never written anywhere
        self._scratch = tempfile.TemporaryDirectory(prefix="riskreg-sign-")
        scratch = Path(self._scratch.name)
        (scratch / "signatures.json").write_bytes(signed)
        (scratch / "pack.pub.pem").write_bytes(public)
        build_data["force_include"][str(scratch / "signatures.json")] = PACK + SIGNATURES_FILE
        build_data["force_include"][str(scratch / "pack.pub.pem")] = PUBLIC_KEY
        self.app.display_info(f"signed {len(files)} files of the built-in pack ({PUBLIC_KEY})")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            scratch.cleanup()
