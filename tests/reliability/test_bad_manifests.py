"""Section 1 of issue 8: bad manifests exit 3 with one line naming file and place, fast and small.

Each case runs `riskreg check` as a subprocess against the demo policies; the bound is 2 s wall
time and 200 MB peak RSS. Duplicate `metadata.name` (one case) is also in
tests/integration/test_check_cli.py::test_bad_manifest_exits_3_with_one_line; here it is the
nested `securityContext` and the top-level variants.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.reliability.conftest import BAD_INPUT_SECONDS, PEAK_MB, Run, riskreg

# The 9 x 9 "billion laughs": 432 bytes that expand to 9^9 (387 million) strings.
BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)
DEEP = 100_000
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n"


def _binary() -> bytes:
    return random.Random(8).randbytes(4096)


# name -> (file name, bytes, substring the error line must contain)
CASES: dict[str, tuple[str, bytes, str]] = {
    "alias-bomb": ("bomb.yaml", BILLION_LAUGHS.encode(), "bomb.yaml:6:4: document expands"),
    "deep-yaml-flow": ("deep.yaml", b"[" * DEEP + b"]" * DEEP, "deep.yaml:1:"),
    "deep-yaml-compact-block": ("compact.yaml", b"- " * DEEP + b"x\n", "compact.yaml:1:"),
    "deep-yaml-just-over-the-limit": (
        "d201.yaml",
        b"[" * 201 + b"]" * 201,
        "nested deeper than 200",
    ),
    "infinite-float": (
        "inf.yaml",
        b"kind: Pod\nspec: {replicas: .inf}\n",
        "inf.yaml:2:18: .inf is not",
    ),
    "nan-float": ("nan.yaml", b"kind: Pod\nx: .NaN\n", "nan.yaml:2:4"),
    "overflowing-float": ("big.yaml", b"kind: Pod\nx: 1e999\n", "big.yaml:2:4"),
    "huge-integer": ("int.yaml", b"kind: Pod\nx: " + b"9" * 5000 + b"\n", "int.yaml:2:4"),
    "json-nan": ("nan.json", b'{"kind": "Pod", "x": NaN}', "nan.json: invalid JSON: NaN"),
    "json-overflowing-float": (
        "big.json",
        b'{"kind": "Pod", "x": 1e999}',
        "big.json: invalid JSON",
    ),
    "json-trailing-garbage": ("tail.json", b'{"kind": "Pod"} {}', "tail.json:1:17: invalid JSON"),
    "deep-yaml-block-maps": (
        "deepmap.yaml",
        "".join(f"{' ' * i}k:\n" for i in range(300)).encode(),
        "deepmap.yaml:",
    ),
    "deep-json": ("deep.json", b"[" * DEEP + b"]" * DEEP, "deep.json"),
    "deep-json-objects": ("deepobj.json", b'{"a":' * DEEP + b"1" + b"}" * DEEP, "deepobj.json"),
    "self-reference": ("self.yaml", b"kind: Pod\nspec: &s\n  again: *s\n", "self.yaml:"),
    "self-reference-sequence": ("selfseq.yaml", b"kind: Pod\nx: &x [*x]\n", "selfseq.yaml:"),
    "duplicate-top-level": (
        "dup.yaml",
        (POD + "kind: Deployment\n").encode(),
        "dup.yaml:5:1: duplicate key 'kind'",
    ),
    "duplicate-nested-securityContext": (
        "dupsc.yaml",
        (
            POD + "spec:\n  containers:\n    - name: c\n      securityContext:\n"
            "        privileged: false\n      securityContext:\n        privileged: true\n"
        ).encode(),
        "dupsc.yaml:10:7: duplicate key 'securityContext'",
    ),
    "duplicate-in-second-document": (
        "dup2.yaml",
        (POD + "---\n" + POD + "  name: q\n").encode(),
        "dup2.yaml:10:3: duplicate key 'name'",
    ),
    "duplicate-json": ("dup.json", b'{"kind": "Pod", "kind": "Job"}', "dup.json"),
    "merge-key-duplicate": (
        "merge.yaml",
        b"base: &b {x: 1}\nkind: Pod\nm:\n  <<: *b\n  x: 2\n  x: 3\n",
        "merge.yaml:6:3: duplicate key 'x'",
    ),
    "not-utf8": (
        "latin1.yaml",
        POD.encode() + b"  note: caf\xe9\n",
        "latin1.yaml: byte 56: not valid UTF-8",
    ),
    "utf16-bom": ("utf16.yaml", POD.encode("utf-16"), "utf16.yaml: file is UTF-16"),
    "nul-byte": ("nul.yaml", POD.encode() + b"\x00", "nul.yaml: byte 45: NUL"),
    "empty": ("empty.yaml", b"", "empty.yaml: no documents"),
    "only-separator": ("sep.yaml", b"---\n", "sep.yaml: no documents"),
    "only-separators-and-comments": ("seps.yaml", b"# c\n---\n---\n...\n", "seps.yaml"),
    "binary": ("image.yaml", _binary(), "image.yaml"),
    "python-object-tag": (
        "tag.yaml",
        b"kind: Pod\nx: !!python/object/apply:os.system ['touch PWNED']\n",
        "tag.yaml:2:4",
    ),
    "python-name-tag": ("name.yaml", b"kind: Pod\nx: !!python/name:os.system\n", "name.yaml:2"),
    "binary-tag": ("bin.yaml", b"kind: Pod\nx: !!binary aGVsbG8=\n", "bin.yaml:2:4: binary values"),
    "set-tag": ("set.yaml", b"kind: Pod\nx: !!set {a, b}\n", "set.yaml:2:4: set values"),
    "unknown-local-tag": ("local.yaml", b"kind: Pod\nx: !Ref foo\n", "local.yaml:2"),
    "scalar-document": ("scalar.yaml", b"just text\n", "scalar.yaml:1: document is a str"),
    "list-document": ("list.yaml", b"- kind: Pod\n", "list.yaml:1: document is a list"),
    "missing-kind": ("nokind.yaml", b"apiVersion: v1\n", "nokind.yaml:1: kind: missing"),
    "kind-not-string": ("kind.yaml", b"kind: [Pod]\n", "kind.yaml:1: kind: missing"),
    "list-items-not-list": ("items.yaml", b"kind: List\nitems: 3\n", "items.yaml:1: items:"),
    "complex-key": ("key.yaml", b"kind: Pod\n? [a, b]\n: 1\n", "key.yaml:2"),
    "tab-indentation": ("tab.yaml", b"kind: Pod\nspec:\n\thostNetwork: true\n", "tab.yaml:3"),
    "unclosed-flow": ("open.yaml", b"kind: Pod\nspec: {a: [1, 2}\n", "open.yaml:2"),
    "undefined-alias": ("alias.yaml", b"kind: Pod\nspec: *nothing\n", "alias.yaml:2"),
    "ai-deployment-unknown-field": (
        "ai.yaml",
        b"apiVersion: riskreg/v1\nkind: AIDeployment\nmetadata: {name: a}\nbogus: 1\n",
        "ai.yaml:1:",
    ),
    "riskreg-v1-unknown-kind": (
        "aik.yaml",
        b"apiVersion: riskreg/v1\nkind: Nope\n",
        "aik.yaml:1: kind: 'Nope'",
    ),
}


def _assert_refused(run: Run, where: str) -> str:
    assert run.returncode == 3, (run.returncode, run.stderr)
    line = run.one_error_line()
    assert where in line, line
    assert run.stdout == ""
    assert run.seconds < BAD_INPUT_SECONDS, f"{run.seconds:.2f} s"
    assert run.peak_mb < PEAK_MB, f"{run.peak_mb} MB"
    return line


# The cases issue 8 names run as a real `riskreg check` (exit code, time, memory); the others
# exercise the same loader and are checked in-process, to keep the suite inside its budget.
PROCESS_CASES = sorted(
    [
        "alias-bomb",
        "deep-yaml-flow",
        "deep-yaml-compact-block",
        "deep-json",
        "deep-json-objects",
        "self-reference",
        "self-reference-sequence",
        "duplicate-top-level",
        "duplicate-nested-securityContext",
        "not-utf8",
        "utf16-bom",
        "nul-byte",
        "empty",
        "only-separator",
        "binary",
        "python-object-tag",
        "python-name-tag",
    ]
)


@pytest.mark.parametrize("case", PROCESS_CASES)
def test_bad_manifest_exits_3(case: str, base: list[str], work: Path) -> None:
    name, data, where = CASES[case]
    (work / name).write_bytes(data)
    run = riskreg(*base, name, cwd=work)
    _assert_refused(run, where)
    assert not (work / "PWNED").exists()


@pytest.mark.parametrize("case", sorted(set(CASES) - set(PROCESS_CASES)))
def test_bad_manifest_is_invalid_input(
    case: str, work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from riskreg.errors import InvalidInputError
    from riskreg.manifests.discover import discover
    from riskreg.yamlsafe.limits import Limits

    name, data, where = CASES[case]
    (work / name).write_bytes(data)
    monkeypatch.chdir(work)
    with pytest.raises(InvalidInputError) as caught:
        list(discover([name], Limits()))
    assert where in caught.value.one_line(), caught.value.one_line()


def test_alias_bomb_names_the_cap(base: list[str], work: Path) -> None:
    (work / "bomb.yaml").write_text(BILLION_LAUGHS)
    line = _assert_refused(riskreg(*base, "bomb.yaml", cwd=work), "bomb.yaml")
    assert "250000 nodes" in line and "max_yaml_nodes" in line


def test_bad_file_inside_a_folder_is_named(base: list[str], work: Path) -> None:
    target = work / "app"
    target.mkdir()
    (target / "a.yaml").write_text(POD)
    (target / "b.yaml").write_text(POD + "  name: q\n")
    _assert_refused(riskreg(*base, "app", cwd=work), "app/b.yaml:5:3: duplicate key 'name'")


def test_bad_stdin_is_named_stdin(base: list[str], work: Path) -> None:
    run = riskreg(*base, "-", cwd=work, stdin=BILLION_LAUGHS.encode())
    _assert_refused(run, "<stdin>:6:4: document expands")


def test_bad_later_target_is_refused_with_nothing_written(base: list[str], work: Path) -> None:
    """Targets stream into OPA in batches; a bad 101st file still exits 3, names itself, and no
    report reaches stdout, within the same time and memory bounds."""
    for number in range(100):
        (work / f"p{number:03}.yaml").write_text(POD)
    (work / "p100.yaml").write_bytes(b"\xff")
    _assert_refused(riskreg(*base, *sorted(p.name for p in work.iterdir()), cwd=work), "p100.yaml")


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def test_file_over_the_default_size_cap(base: list[str], work: Path) -> None:
    _sparse(work / "huge.yaml", 8 * 1024 * 1024 + 1)
    line = _assert_refused(riskreg(*base, "huge.yaml", cwd=work), "huge.yaml: file is 8388609")
    assert "8388608-byte cap" in line


def test_stdin_over_the_size_cap(base: list[str], work: Path) -> None:
    _config(work, "max_file_size = 1000")
    run = riskreg(*base, "-", cwd=work, stdin=(POD + "#" * 2000 + "\n").encode())
    _assert_refused(run, "<stdin>: input is over the 1000-byte cap")


def _config(folder: Path, line: str) -> None:
    (folder / "pyproject.toml").write_text(f"[tool.riskreg]\n{line}\n")


def test_size_cap_is_configurable(base: list[str], work: Path) -> None:
    _config(work, "max_file_size = 1024")
    (work / "pod.yaml").write_text(POD + "#" * 2000 + "\n")
    _assert_refused(riskreg(*base, "pod.yaml", cwd=work), "pod.yaml: file is 2046 bytes")


def test_node_cap_is_configurable(base: list[str], work: Path) -> None:
    _config(work, "max_yaml_nodes = 100")
    items = "".join(f"    - {n}\n" for n in range(150))
    (work / "pod.yaml").write_text(POD + "spec:\n  args:\n" + items)
    _assert_refused(riskreg(*base, "pod.yaml", cwd=work), "more than 100 nodes")


def test_node_cap_counts_alias_expansion(base: list[str], work: Path) -> None:
    """Nine aliases to a 20-node list are 180 nodes as OPA sees them, over a cap of 100."""
    _config(work, "max_yaml_nodes = 100")
    listing = "[" + ",".join(str(n) for n in range(20)) + "]"
    aliases = "".join(f"  k{n}: *l\n" for n in range(9))
    (work / "pod.yaml").write_text(f"kind: Pod\nlist: &l {listing}\nspec:\n{aliases}")
    _assert_refused(riskreg(*base, "pod.yaml", cwd=work), "more than 100 nodes")


# --- symlinks -------------------------------------------------------------------------------


def test_symlink_loop_given_as_the_file(base: list[str], work: Path) -> None:
    (work / "loop.yaml").symlink_to("loop.yaml")
    _assert_refused(riskreg(*base, "loop.yaml", cwd=work), "loop.yaml: broken symlink")


def test_symlink_loop_between_two_links(base: list[str], work: Path) -> None:
    (work / "a.yaml").symlink_to("b.yaml")
    (work / "b.yaml").symlink_to("a.yaml")
    _assert_refused(riskreg(*base, "a.yaml", cwd=work), "a.yaml: broken symlink")


def test_folder_symlinked_into_itself(base: list[str], work: Path) -> None:
    folder = work / "app"
    folder.mkdir()
    (folder / "pod.yaml").write_text(POD)
    (folder / "again").symlink_to(".")
    line = _assert_refused(riskreg(*base, "app", cwd=work), "app/again: symlink loop")
    assert "already scanned" in line


def test_symlink_above_the_scanned_folder_is_not_followed(base: list[str], work: Path) -> None:
    """`app/sub/up -> ../..` leaves `app/`: skipped, so neither a loop nor an endless walk."""
    folder = work / "app" / "sub"
    folder.mkdir(parents=True)
    (folder / "pod.yaml").write_text(POD)
    (folder / "up").symlink_to("../..")
    run = riskreg(*base, "app", cwd=work)
    assert run.returncode == 0, run.stderr


def test_symlink_to_a_parent_inside_the_scanned_folder_is_a_loop(
    base: list[str], work: Path
) -> None:
    folder = work / "app" / "sub"
    folder.mkdir(parents=True)
    (folder / "pod.yaml").write_text(POD)
    (folder / "up").symlink_to("..")
    _assert_refused(riskreg(*base, "app", cwd=work), "app/sub/up: symlink loop")


def test_symlink_to_a_sibling_inside_the_scanned_folder_is_followed(
    base: list[str], work: Path
) -> None:
    """ "Outside" means outside the folder given on the command line, not the current subfolder."""
    (work / "app" / "a").mkdir(parents=True)
    (work / "app" / "b").mkdir()
    (work / "app" / "a" / "ok.yaml").write_text(POD)
    (work / "app" / "b" / "host.yaml").write_text(POD + "spec:\n  hostNetwork: true\n")
    (work / "app" / "a" / "linked.yaml").symlink_to("../b/host.yaml")
    run = riskreg(*base, "app", "-f", "json", cwd=work)
    assert run.returncode == 1, run.stderr
    assert '"file": "app/a/linked.yaml"' in run.stdout


def test_symlink_above_the_folder_followed_when_asked_is_a_loop(
    base: list[str], work: Path
) -> None:
    folder = work / "app" / "sub"
    folder.mkdir(parents=True)
    (folder / "pod.yaml").write_text(POD)
    (folder / "up").symlink_to("../..")
    _config(work, "follow_symlinks = true")
    _assert_refused(riskreg(*base, "app", cwd=work), "symlink loop")


def test_symlink_outside_the_folder_only_is_no_manifest(base: list[str], work: Path) -> None:
    """A folder whose only manifest links outside it: nothing is read, so nothing to check."""
    (work / "secret.yaml").write_text(POD)
    folder = work / "app"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(work / "secret.yaml")
    _assert_refused(riskreg(*base, "app", cwd=work), "app: no .yaml, .yml or .json manifests")


def _outside_setup(work: Path) -> None:
    outside = work / "outside"
    outside.mkdir()
    (outside / "host.yaml").write_text(POD + "spec:\n  hostNetwork: true\n")
    (outside / "bad.yaml").write_bytes(b"\x00")
    folder = work / "app"
    folder.mkdir()
    (folder / "ok.yaml").write_text(POD.replace("name: p", "name: ok"))
    (folder / "host.yaml").symlink_to(outside / "host.yaml")
    (folder / "bad.yaml").symlink_to(outside / "bad.yaml")
    (folder / "dir").symlink_to(outside)


def test_symlinks_outside_the_folder_are_not_followed(base: list[str], work: Path) -> None:
    """Neither the failing nor the unreadable file outside `app/` is read: exit 0 on ok.yaml."""
    _outside_setup(work)
    run = riskreg(*base, "app", "-f", "json", cwd=work)
    assert run.returncode == 0, run.stderr
    assert '"target": "app"' in run.stdout and "host.yaml" not in run.stdout


def test_symlinks_outside_are_followed_when_asked(base: list[str], work: Path) -> None:
    _outside_setup(work)
    (work / "outside" / "bad.yaml").unlink()
    (work / "app" / "bad.yaml").unlink()
    _config(work, "follow_symlinks = true")
    run = riskreg(*base, "app", "-f", "json", cwd=work)
    assert run.returncode == 1, run.stderr
    assert "app/host.yaml" in run.stdout


# --- unit level: the loader's own guarantees, without a process ------------------------------


def test_deep_block_yaml_needs_no_recursion_limit() -> None:
    """300 nested block maps: refused by the depth check, not by a RecursionError."""
    from riskreg.errors import InvalidInputError
    from riskreg.manifests.loader import load_text
    from riskreg.yamlsafe.limits import Limits

    text = "".join(f"{' ' * depth}k{depth}:\n" for depth in range(300))
    with pytest.raises(
        InvalidInputError, match=r"deep\.yaml:201:201: document is nested deeper than 200 levels"
    ):
        load_text(text, "deep.yaml", Limits())


def test_merge_key_may_be_overridden_explicitly() -> None:
    """`<<: *base` then `x: 2` is YAML's override, not a duplicate (kubectl reads x = 2)."""
    from riskreg.manifests.loader import load_text
    from riskreg.yamlsafe.limits import Limits

    text = "base: &b {x: 1, z: 1}\nkind: Pod\nm:\n  <<: *b\n  x: 2\n"
    [document] = load_text(text, "m.yaml", Limits())
    assert document.contents["m"] == {"x": 2, "z": 1}
