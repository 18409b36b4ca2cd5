"""The gate's answer read by package key, nested (this gate) or flat (earlier bundles)."""

from __future__ import annotations

from riskreg.models.control import by_package_key

RESULT = {"deny": [], "warn": [], "checked": ["verified"]}


def test_nested_and_flat_answers_read_the_same() -> None:
    nested = {"network": {"egress": RESULT, "ingress": RESULT}, "k8s": {"image": RESULT}}
    flat = {"network.egress": RESULT, "network.ingress": RESULT, "k8s.image": RESULT}
    assert by_package_key(nested) == by_package_key(flat) == flat


def test_odd_values_are_kept_for_the_caller_to_refuse() -> None:
    # A value that is no object stays under its key: target_findings then reports the control
    # as undefined instead of this guessing.
    assert by_package_key({"network": None, "k8s.image": "x"}) == {
        "network": None,
        "k8s.image": "x",
    }
