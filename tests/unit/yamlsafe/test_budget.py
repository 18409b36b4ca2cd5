"""The node budget decided by counting: a document with a few aliases skips the full node walk
only where counting proves the size and depth caps hold, and a cycle is still refused with the
walk's own message, found while building (tests/reliability/test_bad_manifests.py runs the caps
end to end)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from riskreg.errors import InvalidInputError
from riskreg.yamlsafe import loader
from riskreg.yamlsafe.limits import Limits

CYCLES = {
    "mapping": "kind: Pod\nspec: &s\n  again: *s\n",
    "sequence": "kind: Pod\nx: &x [*x]\n",
    "deep inside": "kind: Pod\na:\n  b: &b\n    c: [1, {d: *b}]\n",
    "through a merge key": "kind: Pod\nm: &m\n  <<: {a: 1}\n  b: *m\n",
    "through an explicit tag": "kind: Pod\nm: &m !!map {b: *m}\n",
    "second document": "kind: Pod\n---\nkind: Pod\nx: &x {y: *x}\n",
}


def _outcome(text: str, limits: Limits) -> tuple[str, Any]:
    try:
        return "ok", [value for _, value in loader.load_yaml_nodes(text, "f.yaml", limits)]
    except InvalidInputError as exc:
        return "refused", exc.one_line()


def _walked(text: str, limits: Limits, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Any]:
    with monkeypatch.context() as patched:
        patched.setattr(loader, "_budget_check", lambda text, limits: loader._WALK)
        return _outcome(text, limits)


@pytest.mark.parametrize("case", sorted(CYCLES))
def test_a_cycle_is_refused_as_the_walk_refuses_it(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = CYCLES[case]
    assert loader._budget_check(text, Limits()) == loader._CYCLES
    outcome = _outcome(text, Limits())
    assert outcome == _walked(text, Limits(), monkeypatch)
    assert outcome[0] == "refused" and "refers to itself through an anchor" in outcome[1]


def test_counting_decides_what_needs_checking() -> None:
    limits = Limits()
    plain = "kind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n  - name: c\n"
    shared = "kind: Pod\nl: &l {a: 1}\nspec:\n  selector: *l\n"
    assert loader._budget_check(plain, limits) == loader._NONE
    assert loader._budget_check(shared, limits) == loader._CYCLES
    many = "kind: Pod\nl: &l [1]\n" + "".join(f"k{n}: *l\n" for n in range(16))
    assert loader._budget_check(many, limits) == loader._WALK
    # The caps still decide: the same text under caps counting cannot prove goes to the walk.
    assert loader._budget_check(shared, Limits(max_nodes=100)) == loader._WALK
    assert loader._budget_check(shared, Limits(max_depth=4)) == loader._WALK


leaves = st.one_of(st.integers(-5, 5), st.sampled_from(["a", "yes", "0777", "~", "x y"]))
trees = st.recursive(
    leaves,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(trees, min_size=1, max_size=4),
    st.integers(1, 5),
    st.sampled_from([(250_000, 200), (40, 200), (250_000, 5), (30, 4)]),
)
def test_counting_accepts_and_refuses_what_the_walk_does(
    shared: list[Any], copies: int, caps: tuple[int, int]
) -> None:
    """Values repeated `copies` times, so PyYAML writes anchors and aliases; under tight and
    default caps, skipping the walk never lets through what the walk refuses, nor the reverse."""
    documents = [{"kind": "Pod", "v": [value] * copies} for value in shared]
    text = yaml.safe_dump_all(documents)
    limits = Limits(max_nodes=caps[0], max_depth=caps[1])
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _outcome(text, limits) == _walked(text, limits, monkeypatch)
