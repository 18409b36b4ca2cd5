"""Secrets found in input are replaced by a marker at load time, so no output can ever carry them.

A secret is a string of a well-known credential shape (GitHub, OpenAI, Anthropic, AWS, Slack,
Google, GitLab, Stripe, Hugging Face, npm tokens; private key blocks), or, where credentials are
passed (an MCP server's env, args and headers), a high-entropy token. It becomes
`<redacted:KIND:SHA256-PREFIX>`: the kind says what was found, the first 12 hex digits of its
sha256 let someone who holds the secret confirm which one it was, and nothing reveals it.
`${input:x}`, `${env:X}`, `${X}` and `{x}` references are not secrets: they name where the value
comes from at run time, which is the recommended practice.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

# Kind -> pattern (Python and RE2 alike: no look-arounds). policies/params.yaml repeats them for
# conftest, which reads files without riskreg's redaction; a test keeps the two lists equal.
PATTERNS: dict[str, str] = {
    "private-key": r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----",
    "github-token": r"\bgh[pousr]_[A-Za-z0-9]{36,}\b",
    "github-pat": r"\bgithub_pat_[A-Za-z0-9_]{22,}\b",
    "anthropic-key": r"\bsk-ant-[A-Za-z0-9_\-]{20,}",
    "openai-key": r"\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{20,}|[A-Za-z0-9]{32,})",
    "aws-access-key-id": r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b",
    "slack-token": r"\bxox[abposr]-[A-Za-z0-9\-]{10,}",
    "google-api-key": r"\bAIza[0-9A-Za-z_\-]{35}",
    "gitlab-token": r"\bglpat-[A-Za-z0-9_\-]{20,}",
    "stripe-key": r"\b[sr]k_live_[A-Za-z0-9]{20,}",
    "huggingface-token": r"\bhf_[A-Za-z0-9]{30,}\b",
    "npm-token": r"\bnpm_[A-Za-z0-9]{36}\b",
}
MARKER = re.compile(r"<redacted:[a-z0-9-]+:[0-9a-f]{12}>")
_KNOWN = re.compile("|".join(f"(?P<{kind.replace('-', '_')}>{p})" for kind, p in PATTERNS.items()))
_TOKEN = re.compile(r"[A-Za-z0-9+/_\-.=]{20,}")
_REFERENCE = re.compile(r"\$\{[^}]*\}|\{[A-Za-z_][A-Za-z0-9_]*\}|<[^<>]*>|^\$[A-Za-z_]")
# Identifiers that look random but are not credentials: content digests and commit hashes
# (40 or 64 hex digits), UUIDs, version numbers.
_NOT_SECRET = re.compile(
    r"^(?:[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{128}|[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}"
    r"|v?\d+(?:\.\d+)+.*)$"
)
ENTROPY_BITS = 3.5  # per character; random base62/64 tokens of 20+ characters are well above


# (secret, marker) of every redaction while `recording()` is active: what a redacted copy of
# the file (an evidence bundle's inputs) must replace.
_RECORD: ContextVar[list[tuple[str, str]] | None] = ContextVar("riskreg_redactions", default=None)


@contextmanager
def recording() -> Iterator[list[tuple[str, str]]]:
    """Collect (secret, marker) pairs of every redaction made inside the block."""
    pairs: list[tuple[str, str]] = []
    token = _RECORD.set(pairs)
    try:
        yield pairs
    finally:
        _RECORD.reset(token)


def marker(kind: str, secret: str) -> str:
    text = f"<redacted:{kind}:{hashlib.sha256(secret.encode('utf-8')).hexdigest()[:12]}>"
    pairs = _RECORD.get()
    if pairs is not None:
        pairs.append((secret, text))
    return text


def redact_known(text: str) -> str:
    """`text` with every well-known credential shape replaced by its marker."""

    def replace(match: re.Match[str]) -> str:
        kind = str(match.lastgroup).replace("_", "-")
        return marker(kind, match.group())

    return _KNOWN.sub(replace, text)


# Every pattern above starts with one of these: a file holding none of them (most manifests) is
# cleared by plain substring scans, several times faster than the alternation.
_PREFIXES = (
    "-----BEGIN", "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "sk-", "AKIA", "ASIA",
    "xox", "AIza", "glpat-", "k_live_", "hf_", "npm_",
)  # fmt: skip


def has_known(text: str) -> bool:
    """Whether `text` holds a well-known credential shape (a C-speed pre-check for whole files)."""
    return any(prefix in text for prefix in _PREFIXES) and _KNOWN.search(text) is not None


def _entropy(token: str) -> float:
    counts = Counter(token)
    return -sum(n / len(token) * math.log2(n / len(token)) for n in counts.values())


def _is_secret_token(token: str) -> bool:
    if _NOT_SECRET.match(token) or "://" in token or token.count("/") > 2:
        return False
    letters = sum(char.isalpha() for char in token)
    digits = sum(char.isdigit() for char in token)
    return letters > 0 and digits > 0 and _entropy(token) >= ENTROPY_BITS


def redact_credential(text: str) -> str:
    """A value where credentials are passed: known shapes, then high-entropy tokens (references,
    placeholders and markers excluded)."""
    text = redact_known(text)
    references = [match.span() for match in _REFERENCE.finditer(text)]

    def judge(match: re.Match[str]) -> str:
        start, end = match.span()
        if any(left < end and start < right for left, right in references):
            return match.group()
        token = match.group()
        name, equals, value = token.rpartition("=") if "=" in token.rstrip("=") else ("", "", token)
        if not _is_secret_token(value):
            return token
        return f"{name}{equals}{marker('high-entropy-string', value)}"

    return _TOKEN.sub(judge, text)


def redact_strings(value: Any, redact: Callable[[str], str] = redact_known) -> Any:
    """A copy of a JSON-like value with `redact` applied to every string (keys kept), iteratively."""
    root: list[Any] = [value]
    stack: list[tuple[list[Any] | dict[Any, Any], Any]] = [(root, 0)]
    while stack:
        container, key = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = redact(item)
        elif isinstance(item, dict):
            copy = dict(item)
            container[key] = copy
            stack.extend((copy, child) for child in copy)
        elif isinstance(item, list):
            copy_list = list(item)
            container[key] = copy_list
            stack.extend((copy_list, index) for index in range(len(copy_list)))
    return root[0]
