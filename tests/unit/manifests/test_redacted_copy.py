"""Redacted copies of input files (what evidence bundles archive): every secret replaced by the
marker riskreg sent to OPA, or no copy at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.manifests.read import redacted_copy
from riskreg.yamlsafe.limits import Limits

TOKEN = "ghp_" + "Zq3v" * 9
POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"


def test_a_file_without_secrets_is_copied_byte_for_byte(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_bytes(POD.encode())
    assert redacted_copy(tmp_path / "pod.yaml", "pod.yaml", Limits()) == POD.encode()


def test_yaml_and_jsonc_secrets_are_replaced_and_comments_kept(tmp_path: Path) -> None:
    (tmp_path / "pod.yaml").write_text(POD + f"# keep me\nspec: {{token: {TOKEN}}}\n")
    copy = redacted_copy(tmp_path / "pod.yaml", "pod.yaml", Limits()).decode()
    assert TOKEN not in copy and "# keep me" in copy and "<redacted:github-token:" in copy
    entropy = "Qm9vZ2llV29vZ2llMTIzNDU2Nzg5MGFiY2Rl"
    text = f'// c\n{{"mcpServers": {{"a": {{"command": "x", "env": {{"K": "{entropy}"}},}}}}}}\n'
    (tmp_path / ".mcp.json").write_text(text)
    copy = redacted_copy(tmp_path / ".mcp.json", ".mcp.json", Limits()).decode()
    assert (
        entropy not in copy
        and copy.startswith("// c\n")
        and "<redacted:high-entropy-string:" in copy
    )


def test_a_secret_written_with_escapes_is_refused_rather_than_archived(tmp_path: Path) -> None:
    escaped = TOKEN.replace("Z", "\\x5A", 1)  # YAML decodes \x5A to Z: the text never holds TOKEN
    (tmp_path / "pod.yaml").write_text(POD + f'spec: {{token: "{escaped}"}}\n')
    with pytest.raises(InvalidInputError, match="could not be redacted"):
        redacted_copy(tmp_path / "pod.yaml", "pod.yaml", Limits())


def test_a_secret_hidden_by_an_escape_is_still_redacted_before_opa(tmp_path: Path) -> None:
    from riskreg.manifests.read import load_file

    escaped = TOKEN.replace("Z", "\\x5A", 1)
    (tmp_path / "pod.yaml").write_text(POD + f'spec: {{token: "{escaped}"}}\n')
    (document,) = load_file(tmp_path / "pod.yaml", "pod.yaml", Limits())
    assert document.contents["spec"]["token"].startswith("<redacted:github-token:")
