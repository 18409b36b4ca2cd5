"""The signing settings resolve like every other: flag > RISKREG_* > [tool.riskreg] > default."""

from __future__ import annotations

from pathlib import Path

from riskreg.config import Flags, resolve_settings


def test_pass_verification_key_and_require_signed_resolve_in_order(tmp_path: Path) -> None:
    (tmp_path / "riskreg.toml").write_text(
        'verification_key = "keys/pack.pub.pem"\nrequire_signed = true\n'
    )
    configured = resolve_settings(Flags(), env={}, start=tmp_path)
    assert configured.verification_key == tmp_path / "keys/pack.pub.pem"
    assert configured.require_signed is True and configured.allow_unsigned is False
    env = {"RISKREG_VERIFICATION_KEY": "env.pem", "RISKREG_REQUIRE_SIGNED": "false"}
    from_env = resolve_settings(
        Flags(verification_key=None, require_signed=None), env=env, start=tmp_path
    )
    assert from_env.verification_key == Path("env.pem") and from_env.require_signed is False
    flagged = resolve_settings(
        Flags(verification_key=Path("flag.pem"), allow_unsigned=True), env=env, start=tmp_path
    )
    assert flagged.verification_key == Path("flag.pem") and flagged.allow_unsigned is True


def test_pass_defaults_trust_nothing_implicitly(tmp_path: Path) -> None:
    settings = resolve_settings(Flags(), env={}, start=tmp_path)
    assert settings.verification_key is None
    assert settings.require_signed is False and settings.allow_unsigned is False
