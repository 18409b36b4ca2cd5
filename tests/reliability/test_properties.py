"""Section 4 of issue 8: hypothesis properties of the manifest loader and the MIT importer.

The risk-page importer's properties live in tests/unit/register/test_pages.py (mutated and
line-dropped pages fail only with InvalidInputError); they are not repeated here.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from riskreg.errors import InvalidInputError
from riskreg.manifests.loader import load_text
from riskreg.yamlsafe.limits import Limits
from tests.conftest import MIT_DATA

LIMITS = Limits()
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=30,
)
documents = st.builds(
    lambda kind, rest: {**rest, "kind": kind},
    st.text(min_size=1, max_size=12).filter(lambda kind: not kind.endswith("List")),
    st.dictionaries(st.text(max_size=8), values, max_size=5),
)


def _load(text: str, name: str) -> list[dict[str, Any]]:
    return [document.contents for document in load_text(text, name, LIMITS)]


@SETTINGS
@given(documents)
def test_json_documents_round_trip(document: dict[str, Any]) -> None:
    assert _load(json.dumps(document), "d.json") == [document]
    # JSON is YAML, except `\ud800`-style surrogate escapes, which YAML forbids: joined here.
    assert _load(_yaml_safe_json(document), "d.yaml") == [document]


_SURROGATES = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_safe_json(document: dict[str, Any]) -> str:
    def join(match: re.Match[str]) -> str:
        high, low = int(match[2], 16), int(match[3], 16)
        return match[1] + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))

    return _SURROGATES.sub(join, json.dumps(document))


@SETTINGS
@given(st.lists(documents, min_size=1, max_size=3))
def test_quoted_yaml_streams_round_trip(stream: list[dict[str, Any]]) -> None:
    """Strings double-quoted (as `kubectl get -o yaml` would need for `y`, `on`, `0777`)."""
    text = yaml.safe_dump_all(stream, default_style='"', allow_unicode=True)
    assert _load(text, "s.yaml") == stream


POD = (
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: &l {app: a, 'on': yes}\n"
    "spec:\n  hostNetwork: on\n  containers:\n    - name: c\n      image: nginx:1.25\n"
    "      securityContext: {privileged: false, runAsUser: 0777}\n  nodeSelector: *l\n---\n"
    '{"apiVersion": "v1", "kind": "List", "items": [{"kind": "Service", "spec": {"ports": [80]}}]}\n'
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    cut=st.integers(min_value=0, max_value=len(POD)),
    length=st.integers(min_value=0, max_value=40),
    insert=st.binary(max_size=12),
)
def test_mutated_manifests_fail_only_with_invalid_input(
    cut: int, length: int, insert: bytes
) -> None:
    from riskreg.manifests.loader import decode, parse_documents, to_documents

    data = POD.encode()[:cut] + insert + POD.encode()[cut + length :]
    try:
        text = decode(data, "m.yaml")
        loaded = to_documents(parse_documents(text, "m.yaml", LIMITS), "m.yaml")
    except InvalidInputError as exc:
        assert exc.message.startswith("m.yaml")
    else:
        json.dumps([document.as_entry() for document in loaded])  # OPA must be able to take it


MIT_HEAD = "".join((MIT_DATA / "risks.csv").read_text(encoding="utf-8").splitlines(True)[:25])


@settings(max_examples=60, deadline=None, database=None)
@given(
    cut=st.integers(min_value=0, max_value=len(MIT_HEAD)),
    length=st.integers(min_value=0, max_value=200),
    insert=st.text(max_size=20),
)
def test_mutated_mit_csv_fails_only_with_invalid_input(cut: int, length: int, insert: str) -> None:
    from riskreg.register.mit import import_database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "risks.csv"
        path.write_text(MIT_HEAD[:cut] + insert + MIT_HEAD[cut + length :], encoding="utf-8")
        try:
            imported = import_database(path)
        except InvalidInputError as exc:
            assert "risks.csv" in exc.message
        else:
            assert all(risk.id.startswith("mit") for risk in imported.risks)


# --- the loader's direct construction against PyYAML's constructor ---------------------------

MERGES_AND_TAGS = (
    "base: &b {a: 1, b: [x, y]}\nm:\n  <<: *b\n  b: own\n"
    "t: !!timestamp 2026-01-02\nd: 2026-01-02T03:04:05Z\ns: !!str 12\ni: !!int '0o17'\n"
    "f: !!float 1e3\nn: ~\ny: y\noct: 0777\ntime: 1:20\neq: =\nlist: !!seq [*b, *b]\n"
)
REFUSED = (
    "a: 1\na: 2\n",
    "? [1, 2]\n: x\n",
    "b: !!binary aGk=\n",
    "s: !!set {a}\n",
    "x: !custom 1\n",
    "f: .inf\n",
    "m:\n  <<: {a: 1}\n  a: 2\n  a: 3\n",
    "l:\n- [1, !!binary aGk=]\n- {a: 1, a: 1}\n",
)


def _both_ways(text: str) -> list[tuple[str, Any]]:
    """(ok, typed values) or (error, type) from riskreg's construction and from PyYAML's."""
    from riskreg.yamlsafe import loader as yamlsafe

    outcomes = []
    for build in (yamlsafe.construct, lambda loader, node: loader.construct_document(node)):
        loader = yamlsafe.new_loader(text)
        try:
            values = []
            while loader.check_node():
                values.append(_typed(build(loader, loader.get_node())))
            outcomes.append(("ok", values))
        except yaml.YAMLError:
            outcomes.append(("error", "YAMLError"))
        finally:
            loader.dispose()
    return outcomes


def _typed(value: Any) -> Any:
    """`value` with every scalar paired with its type, so True and 1 (and 1.0) differ."""
    if isinstance(value, dict):
        return {(type(key).__name__, key): _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value).__name__, value)


@SETTINGS
@given(st.lists(values, min_size=1, max_size=3), st.booleans())
def test_direct_construction_builds_what_pyyaml_builds(stream: list[Any], share: bool) -> None:
    """Plain (unquoted) style, so go-yaml's scalar forms (`y`, `0777`, `1e3`) are resolved, and
    each value repeated in a list when `share`, so PyYAML writes anchors and aliases."""
    documents = [[value, value] for value in stream] if share else stream
    text = yaml.safe_dump_all(documents, allow_unicode=True)
    first, second = _both_ways(text)
    assert first == second


def test_direct_construction_agrees_on_merges_tags_and_refusals() -> None:
    first, second = _both_ways(MERGES_AND_TAGS)
    assert first == second
    assert first[0] == "ok"
    for text in REFUSED:
        assert _both_ways(text) == [("error", "YAMLError")] * 2, text
