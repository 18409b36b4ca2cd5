"""Only safe loading anywhere in riskreg: no unsafe YAML loader, pickle, marshal, eval or exec."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "riskreg"

FORBIDDEN = {
    "yaml.load without a safe Loader": re.compile(
        r"yaml\.load(?:_all)?\((?![^)]*Loader\s*=\s*(?:yaml\.)?C?SafeLoader)"
    ),
    "yaml.unsafe_load": re.compile(r"\bunsafe_load(?:_all)?\b"),
    "unsafe yaml Loader class": re.compile(
        r"\b(?:C?FullLoader|C?UnsafeLoader|CLoader)\b|\byaml\.Loader\b"
    ),
    "yaml.full_load": re.compile(r"\bfull_load(?:_all)?\b"),
    "pickle": re.compile(r"\b(?:c?[Pp]ickle|shelve|marshal|dill)\b"),
    "eval/exec": re.compile(r"(?<![.\w])(?:eval|exec)\s*\("),
    "jsonpickle/ruamel unsafe": re.compile(r"typ\s*=\s*['\"]unsafe['\"]"),
}


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _offences(text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        code = line.split("#", 1)[0]
        for name, pattern in FORBIDDEN.items():
            if pattern.search(code):
                found.append(f"{number}: {name}: {line.strip()}")
    return found


def test_the_scan_sees_the_package() -> None:
    assert len(_sources()) > 20


@pytest.mark.parametrize(
    "line",
    [
        "data = yaml.load(text)",
        "data = yaml.load(text, Loader=yaml.Loader)",
        "data = yaml.unsafe_load(text)",
        "data = yaml.full_load(text)",
        "loader = yaml.FullLoader(text)",
        "loader = yaml.UnsafeLoader(text)",
        "yaml.load(text, Loader=yaml.CLoader)",
        "import pickle",
        "value = eval(text)",
        "exec(code)",
    ],
)
def test_the_scan_catches(line: str) -> None:
    assert _offences(line), line


@pytest.mark.parametrize(
    "line",
    [
        "data = yaml.load(text, Loader=yaml.CSafeLoader)",
        "data = yaml.safe_load(text)",
        '_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)',
        "class _StrictLoader(_Loader):",
        "result = engine.evaluate(inputs)",
    ],
)
def test_the_scan_allows(line: str) -> None:
    assert not _offences(line), line


def test_no_unsafe_loading_in_riskreg() -> None:
    offences = [
        f"{path.relative_to(PACKAGE.parent)}:{offence}"
        for path in _sources()
        for offence in _offences(path.read_text(encoding="utf-8"))
    ]
    assert offences == []
