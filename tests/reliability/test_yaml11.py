"""YAML 1.1 surprises that change a verdict: riskreg reads plain scalars as kubectl does.

kubectl and the API server use go-yaml v2 (through sigs.k8s.io/yaml), a YAML 1.1 reader, so
`hostNetwork: on` *is* true on the cluster; a gate that read it as the string "on" would pass a
Pod that runs on the host network. The rules are in riskreg/yamlsafe/scalars.py and the README
of this folder.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from riskreg.manifests.loader import load_text
from riskreg.yamlsafe.limits import Limits
from tests.reliability.conftest import riskreg


def _value(text: str) -> Any:
    [document] = load_text(f"kind: Pod\nv: {text}\n", "v.yaml", Limits())
    return document.contents["v"]


@pytest.mark.parametrize(
    ("plain", "read_as"),
    [
        ("on", True),
        ("On", True),
        ("yes", True),
        ("y", True),  # go-yaml v2 bool; PyYAML alone would say "y"
        ("off", False),
        ("no", False),
        ("N", False),
        ("true", True),
        ('"on"', "on"),
        ("'no'", "no"),
        ("0777", 511),  # YAML 1.1 octal: defaultMode: 0777 is 511 for kubectl too
        ("0o17", 15),
        ('"0777"', "0777"),
        ("0x1F", 31),
        ("1_000", 1000),
        ("08", 8.0),  # not octal, so go-yaml reads a float
        ("1e3", 1000.0),  # PyYAML alone: the string "1e3"
        ("1:20", "1:20"),  # PyYAML alone: the base-60 integer 80
        ("22:22", "22:22"),
        ("2024-01-31", "2024-01-31"),  # dates stay strings, as JSON has no date type
        ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        ("=", "="),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_plain_scalar_reads_as_kubectl_reads_it(plain: str, read_as: object) -> None:
    value = _value(plain)
    assert value == read_as and type(value) is type(read_as)


def test_bool_keys_reach_opa_as_strings() -> None:
    """`y:` is a boolean key for go-yaml v2 too; JSON (and OPA) sees it as "true"."""
    [document] = load_text("kind: Pod\ny: 1\n", "k.yaml", Limits())
    assert json.loads(json.dumps(document.contents)) == {"kind": "Pod", "true": 1}


POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  hostNetwork: {}\n"


@pytest.mark.parametrize(
    ("written", "exit_code"),
    [("on", 1), ("yes", 1), ("y", 1), ('"on"', 0), ("off", 0), ("no", 0)],
)
def test_verdict_follows_the_cluster(
    written: str, exit_code: int, base: list[str], work: Path
) -> None:
    """DEMO-001 fires when hostNetwork is true as the cluster reads it, not when quoted."""
    (work / "pod.yaml").write_text(POD.format(written))
    run = riskreg(*base, "pod.yaml", cwd=work)
    assert run.returncode == exit_code, run.stderr
