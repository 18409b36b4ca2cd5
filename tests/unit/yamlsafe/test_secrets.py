"""Secret detection and redaction: token shapes, high entropy where credentials are passed, and
the values that only look random (references, digests, UUIDs, versions) left alone."""

from __future__ import annotations

import random
import string

import pytest

from riskreg.yamlsafe.secrets import (
    MARKER,
    has_known,
    marker,
    redact_credential,
    redact_known,
    redact_strings,
)

RANDOM = random.Random(1)


def _token(length: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(RANDOM.choice(alphabet) for _ in range(length))


KNOWN = {
    "github-token": "ghp_" + _token(36),
    "github-pat": "github_pat_" + _token(22) + "_" + _token(59),
    "anthropic-key": "sk-ant-api03-" + _token(40),
    "openai-key": "sk-proj-" + _token(40),
    "aws-access-key-id": "AKIA" + _token(16, string.ascii_uppercase + string.digits),
    "slack-token": "xoxb-" + _token(24),
    "google-api-key": "AIza" + _token(35),
    "private-key": "-----BEGIN RSA PRIVATE KEY-----\nMIIEow"
    + _token(40)
    + "\n-----END RSA PRIVATE KEY-----",
    "gitlab-token": "glpat-" + _token(20),
    "stripe-key": "rk_live_" + _token(24),
    "huggingface-token": "hf_" + _token(34),
    "npm-token": "npm_" + _token(36),
}


@pytest.mark.parametrize("kind", sorted(KNOWN))
def test_known_shapes_become_markers(kind: str) -> None:
    secret = KNOWN[kind]
    redacted = redact_known(f"prefix {secret} suffix")
    assert secret not in redacted
    assert redacted == f"prefix {marker(kind, secret)} suffix"
    assert has_known(secret)


def test_marker_names_kind_and_a_digest_prefix_only() -> None:
    text = marker("github-token", "ghp_x")
    assert MARKER.fullmatch(text)
    assert text.startswith("<redacted:github-token:") and "ghp_x" not in text


def test_high_entropy_in_credentials_keeps_the_name() -> None:
    secret = _token(32)
    assert (
        redact_credential(f"API_KEY={secret}") == f"API_KEY={marker('high-entropy-string', secret)}"
    )
    assert secret not in redact_credential(f"Bearer {secret}")


@pytest.mark.parametrize(
    "value",
    [
        "${GITHUB_PERSONAL_ACCESS_TOKEN}",
        "${env:AZURE_OPENAI_API_KEY_2024}",
        "Bearer ${input:api-key}",
        "your-hibp-api-key-here",
        "ghcr.io/github/github-mcp-server@sha256:" + "ab12" * 16,
        "550e8400-e29b-41d4-a716-446655440000",
        "@modelcontextprotocol/server-filesystem@2025.8.21",
        "--config=${CLAUDE_PLUGIN_ROOT}/bunfig.toml",
        "MCP_BLOCKED_TARGETS=localhost,127.0.0.1,::1,10.0.0.0/8,172.16.0.0/12",
        "${workspaceFolder}/tools/mcp/azure-sdk-python-mcp/",
        "https://mcp.dev.azure.com/{organization}",
        "<redacted:github-token:0123456789ab>",
    ],
)
def test_what_only_looks_random_is_kept(value: str) -> None:
    assert redact_credential(value) == value


def test_redact_strings_copies_and_never_touches_keys() -> None:
    secret = KNOWN["github-token"]
    value = {"env": {secret: secret}, "args": ["x", secret], "n": 1}
    redacted = redact_strings(value)
    assert value["args"][1] == secret  # the input is not changed
    assert redacted["args"][1] == marker("github-token", secret)
    assert redacted["env"] == {secret: marker("github-token", secret)}
    assert redacted["n"] == 1


def test_every_pattern_starts_with_a_prefilter_prefix() -> None:
    """has_known skips the regex when no prefix occurs: a pattern without one would be missed."""
    from riskreg.yamlsafe.secrets import _PREFIXES, PATTERNS

    assert set(KNOWN) == set(PATTERNS)  # a sample of every kind
    for kind, secret in KNOWN.items():
        assert any(prefix in secret for prefix in _PREFIXES), kind
