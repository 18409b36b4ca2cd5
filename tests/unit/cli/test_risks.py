"""`riskreg risks` and `riskreg mitigations` end to end through the real CLI entry point."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
import yaml

from riskreg.cli.app import run
from tests.conftest import MIT_DATA, REPO, SEEDS

V4_XLSX = MIT_DATA / "Copy of The AI Risk Repository V4_03_12_2025.xlsx"
MITIGATION_CSV = MIT_DATA / "mitigation-database-2025-07-23.csv"
TAXONOMY_JSON = MIT_DATA / "mitigation-taxonomy-2026-08-20.json"
SEED_FILES = [str(path) for path in sorted(SEEDS.glob("*.txt"))]


def _state(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def register(tmp_path: Path) -> Path:
    folder = tmp_path / "risks"
    shutil.copytree(REPO / "risks", folder)
    return folder


def test_list_table_in_id_order(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["risks", "list", "--risks", str(register)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].split()[:2] == ["ID", "DOMAIN"]
    assert [line.split()[0] for line in lines[1:]] == ["mit1158", "mit1163", "mit1166"]
    assert captured.err.strip() == "3 risks"


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        (["--domain", "7"], ["mit1158", "mit1163"]),
        (["--domain", "malicious"], ["mit1166"]),
        (["--subdomain", "4.0"], ["mit1166"]),
        (["--entity", "human"], ["mit1166"]),
        (["--intent", "1", "--timing", "post-deployment"], ["mit1158", "mit1163", "mit1166"]),
        (["--text", "least privilege"], ["mit1158", "mit1163"]),
        (["--timing", "1"], []),
    ],
)
def test_list_filters_as_csv(
    register: Path, capsys: pytest.CaptureFixture[str], flags: list[str], expected: list[str]
) -> None:
    assert run(["risks", "list", "--risks", str(register), "--format", "csv", *flags]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [row["id"] for row in rows] == expected


def test_list_json_and_yaml_agree(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(["risks", "list", "--risks", str(register), "-f", "json"])
    as_json = json.loads(capsys.readouterr().out)
    run(["risks", "list", "--risks", str(register), "-f", "yaml"])
    assert yaml.safe_load(capsys.readouterr().out) == as_json
    assert as_json[1]["source"]["ev_id"] == "62.28.02"


def test_risks_env_var_selects_the_folder(
    register: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RISKREG_RISKS", str(register / "nowhere"))
    assert run(["risks", "list"]) == 0
    assert capsys.readouterr().err.strip() == "0 risks"


def test_show(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["risks", "show", "mit1163", "--risks", str(register)]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    assert shown["id"] == "mit1163" and len(shown["mitigations"]) == 3


def test_show_unknown_id_suggests(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["risks", "show", "mit1164", "--risks", str(register)]) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: risk 'mit1164' is not in the register (did you mean")
    assert "mit1163" in captured.err and captured.err.count("\n") == 1


def test_validate_ok(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["risks", "validate", "--risks", str(register)]) == 0
    assert capsys.readouterr().err.startswith("ok: 3 risks in 2 files")


def test_validate_lists_every_problem(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (register / "acme.yaml").write_text("risks:\n- id: mit1163\n  title: t\n  colour: red\n")
    (register / "bad.yaml").write_text("risks:\n- id: Not An Id\n  title: t\n")
    assert run(["risks", "validate", "--risks", str(register)]) == 3
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == f"{register / 'acme.yaml'}:4: risks.0.colour: Extra inputs are not permitted"
    assert lines[1].startswith(f"{register / 'bad.yaml'}:2: risks.0.id: String should match")
    assert lines[-1] == f"error: 2 problems in {register}"


def test_import_pages_then_v4_into_a_new_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new"
    assert run(["risks", "import", "page", *SEED_FILES, "--risks", str(folder)]) == 0
    assert "3 added" in capsys.readouterr().err
    args = ["risks", "import", "mit", str(V4_XLSX), "--risks", str(folder), "--limit", "20"]
    assert run(args) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "20 added, 0 updated" in captured.err
    assert run(args) == 0
    assert "0 added, 0 updated, 20 unchanged; 0 files written" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("make_input", "message"),
    [
        (
            lambda d: _write(d / "p.txt", Path(SEED_FILES[0]).read_text().replace("Risk ID", "ID")),
            "risk_id",
        ),
        (lambda d: _write(d / "t.xlsx", V4_XLSX.read_bytes()[:100_000]), "xlsx: "),
        (lambda d: _write(d / "c.csv", "Title,QuickRef\nx,y\n"), "header: missing column"),
        (lambda d: _write(d / "u.csv", b"Title,\xff\n"), "encoding: not UTF-8"),
    ],
)
def test_broken_input_exits_3_and_writes_nothing(
    register: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make_input: object,
    message: str,
) -> None:
    path = make_input(tmp_path)  # type: ignore[operator]
    kind = "page" if path.suffix == ".txt" else "mit"
    before = _state(register)
    assert run(["risks", "import", kind, str(path), "--risks", str(register)]) == 3
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert "Traceback" not in err
    assert _state(register) == before


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def test_import_into_an_invalid_register_is_refused(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (register / "dup.yaml").write_text("risks:\n- id: mit1163\n  title: t\n")
    before = _state(register)
    assert run(["risks", "import", "page", *SEED_FILES, "--risks", str(register)]) == 3
    assert "duplicate risk id" in capsys.readouterr().err
    assert _state(register) == before


def test_mitigations_import_list_show(register: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["mitigations", "import", str(MITIGATION_CSV), "--taxonomy", str(TAXONOMY_JSON)]
    assert run([*args, "--risks", str(register)]) == 0
    assert "831 actions, 4 taxonomy categories; 1 files written" in capsys.readouterr().err
    assert (
        run(["mitigations", "list", "--risks", str(register), "--code", "3.3", "-f", "json"]) == 0
    )
    listed = json.loads(capsys.readouterr().out)
    assert len(listed) == 23 and {a["code"] for a in listed} == {"3.3"}
    assert run(["mitigations", "show", "mit1158.m2", "--risks", str(register)]) == 0
    assert yaml.safe_load(capsys.readouterr().out)["risk"] == "mit1158"
    assert run(["mitigations", "show", "A0042_Eisenberg2025", "--risks", str(register)]) == 0
    assert "access controls" in capsys.readouterr().out
    assert run(["mitigations", "show", "nope", "--risks", str(register)]) == 3


def test_mitigations_list_without_catalogue(
    register: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["mitigations", "list", "--risks", str(register)]) == 3
    assert "riskreg mitigations import" in capsys.readouterr().err


@pytest.mark.parametrize(
    "command",
    [
        ["risks", "list"],
        ["risks", "show"],
        ["risks", "validate"],
        ["risks", "import", "page"],
        ["risks", "import", "mit"],
        ["mitigations", "import"],
        ["mitigations", "list"],
        ["mitigations", "show"],
    ],
)
def test_help_teaches_with_an_example(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run([*command, "--help"]) == 0
    text = capsys.readouterr().out
    assert "Example" in text and "riskreg " in text and "--risks" in text
