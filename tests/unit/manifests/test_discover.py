"""What riskreg reads in a repository: dot-folders entered, VCS/package/cache folders not (charts
are rendered, tests in tests/integration/manifests), other files passed over and counted, broken input meant as input still exit 3."""

from __future__ import annotations

from pathlib import Path

import pytest

from riskreg.errors import InvalidInputError
from riskreg.manifests.discover import discover
from riskreg.models.target import MCP, Target
from riskreg.yamlsafe.limits import Limits

POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"
MCP_FILE = '{"mcpServers": {"m": {"command": "npx", "args": ["@playwright/mcp@0.0.41"]}}}\n'


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def _run(*arguments: str) -> tuple[list[Target], dict[str, int]]:
    discovery = discover(list(arguments), Limits())
    targets = list(discovery)
    return targets, dict(discovery.passed_over)


def test_a_repository_reads_manifests_and_mcp_files_and_counts_the_rest(repo: Path) -> None:
    _write(
        repo,
        {
            "deploy/pod.yaml": POD,
            ".mcp.json": MCP_FILE,
            ".vscode/mcp.json": '// JSONC\n{"servers": {"p": {"command": "npx", "args": ["x@1.0.0",],},},}\n',
            ".vscode/settings.json": '{"editor.tabSize": 2}\n',
            ".vscode/launch.json": "{\n  // comments\n}\n",
            ".github/workflows/ci.yml": "on: push\njobs: {}\n",
            "docker-compose.yml": "services: {}\n",
            "package.json": '{"name": "x"}\n',
            "tsconfig.json": "{ /* JSONC */ }\n",
            "mkdocs.yml": "site_name: docs\n",
            "empty.yaml": "",
            "notes.yaml": "key: [unclosed\n",
            ".git/config.yaml": "kind: Nope\n",
            "node_modules/x/package.json": '{"name": "x"}\n',
            "venv/pyvenv.cfg": "home = /usr\n",
            "venv/lib/data.yaml": "kind: Nope\n",
        },
    )
    targets, passed_over = _run(".")
    names = {target.name: target for target in targets}
    assert sorted(names) == [".", ".vscode", "deploy"]
    assert [d.format for d in names["."].documents] == [MCP]
    assert [d.format for d in names[".vscode"].documents] == [MCP]
    assert names["deploy"].documents[0].kind == "Pod"
    assert passed_over == {
        "ci-workflow": 1,
        "compose-file": 1,
        "empty": 1,
        "not-a-manifest": 1,
        "tool-config": 4,
        "unparseable": 1,
    }


def test_a_broken_manifest_found_in_a_folder_is_still_invalid(repo: Path) -> None:
    _write(repo, {"app/pod.yaml": POD, "app/broken.yaml": "apiVersion: v1\nkind: Pod\n  bad: [\n"})
    with pytest.raises(InvalidInputError, match=r"app/broken\.yaml:3"):
        _run("app")


def test_a_manifest_without_kind_found_in_a_folder_is_still_invalid(repo: Path) -> None:
    _write(repo, {"app/pod.yaml": "apiVersion: v1\nmetadata: {name: p}\n"})
    with pytest.raises(InvalidInputError, match="kind: missing"):
        _run("app")


def test_a_broken_mcp_file_is_invalid(repo: Path) -> None:
    _write(repo, {".cursor/mcp.json": '{"mcpServers": {"a": {"command": "npx",, }}}\n'})
    with pytest.raises(InvalidInputError, match=r"\.cursor/mcp\.json:1:40: expected a key"):
        _run(".")


def test_a_mistyped_mcp_file_names_the_field_and_its_place(repo: Path) -> None:
    _write(
        repo,
        {".mcp.json": '{\n  "mcpServers": {\n    "a": {"command": "npx", "args": "x"}\n  }\n}\n'},
    )
    with pytest.raises(
        InvalidInputError, match=r"\.mcp\.json:3:29: mcpServers\.a\.args: Input should be"
    ):
        _run(".")


def test_a_named_file_is_strict(repo: Path) -> None:
    _write(repo, {"package.json": '{"name": "x"}\n', "ci.yml": "on: push\n"})
    with pytest.raises(InvalidInputError, match="kind: missing"):
        _run("package.json")
    with pytest.raises(InvalidInputError, match="kind: missing"):
        _run("ci.yml")


def test_comments_are_for_mcp_files_not_manifests(repo: Path) -> None:
    _write(repo, {"app/pod.json": '{"kind": "Pod", // no\n "metadata": {"name": "p"}}\n'})
    with pytest.raises(InvalidInputError, match=r"app/pod\.json.*invalid JSON"):
        _run("app")


def test_a_named_mcp_file_without_servers_is_an_empty_configuration(repo: Path) -> None:
    _write(repo, {".vscode/mcp.json": '{"inputs": []}\n'})
    targets, _ = _run(".vscode/mcp.json")
    assert targets[0].documents[0].format == MCP


def test_a_folder_with_nothing_to_read_is_still_refused(repo: Path) -> None:
    (repo / "nothing").mkdir()
    (repo / "nothing" / "README.md").write_text("hi\n")
    with pytest.raises(InvalidInputError, match=r"no \.yaml, \.yml or \.json manifests"):
        _run("nothing")


def test_secrets_in_manifests_are_redacted_before_anything_sees_them(repo: Path) -> None:
    token = "ghp_" + "a1B2c3D4" * 4 + "e5F6"
    _write(
        repo,
        {
            "app/pod.yaml": POD
            + f"spec:\n  containers:\n  - env:\n    - {{name: T, value: {token}}}\n",
            "app/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {pw: hunter2}\n",
        },
    )
    (target,) = _run("app")[0]
    text = repr([document.contents for document in target.documents])
    assert token not in text and "hunter2" not in text
    assert "<redacted:github-token:" in text and "<redacted:kubernetes-secret:" in text


def test_own_files_are_skipped_under_any_name_a_symlink_gives_them(repo: Path) -> None:
    """riskreg's own inputs stay out of a folder's target however they are reached: by their
    path, through a symlink to the file, or through a symlinked folder holding it."""
    _write(repo, {"own/waivers.yaml": POD, "app/pod.yaml": POD})
    (repo / "app" / "alias.yaml").symlink_to(repo / "own" / "waivers.yaml")
    (repo / "app" / "linked").symlink_to(repo / "own")
    skip = frozenset({(repo / "own" / "waivers.yaml").resolve()})
    limits = Limits(follow_symlinks=True)
    every = [name for target in discover(["app"], limits) for name in target.files]
    assert sorted(every) == ["app/alias.yaml", "app/linked/waivers.yaml", "app/pod.yaml"]
    kept = [name for target in discover(["app"], limits, skip=skip) for name in target.files]
    assert kept == ["app/pod.yaml"]
