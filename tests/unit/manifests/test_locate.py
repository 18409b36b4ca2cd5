"""Document.locate: the line and column of a field, by the contract's rule (deepest existing part)."""

from __future__ import annotations

from riskreg.manifests.loader import load_text
from riskreg.yamlsafe.limits import Limits

DEPLOYMENT = """\
# leading comment
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: first
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    "app.kubernetes.io/name": web
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx
          securityContext:
            privileged: true
        -   name: side
            image: busybox
"""


def _documents(text: str, where: str = "deploy.yaml"):  # type: ignore[no-untyped-def]
    return load_text(text, where, Limits())


def test_present_field_is_its_key() -> None:
    deployment = _documents(DEPLOYMENT)[1]
    path = ["spec", "template", "spec", "containers", 0, "securityContext", "privileged"]
    assert deployment.locate(path) == (21, 13)


def test_list_item_is_the_item_line() -> None:
    deployment = _documents(DEPLOYMENT)[1]
    assert deployment.locate(["spec", "template", "spec", "containers", 1]) == (22, 13)
    assert deployment.locate(["spec", "template", "spec", "containers", 0])[0] == 18


def test_missing_field_is_the_object_that_lacks_it() -> None:
    deployment = _documents(DEPLOYMENT)[1]
    path = ["spec", "template", "spec", "containers", 1, "securityContext", "runAsNonRoot"]
    assert deployment.locate(path) == (22, 13)
    assert deployment.locate(["spec", "template", "spec", "hostNetwork"]) == (16, 5)


def test_document_lacking_the_first_segment_is_its_first_line() -> None:
    first, second = _documents(DEPLOYMENT)
    assert first.locate(["spec", "replicas"]) == (3, 1)
    assert second.locate(["nothing"]) == (8, 1)
    assert second.line == 8


def test_keys_with_slashes_and_dots() -> None:
    deployment = _documents(DEPLOYMENT)[1]
    assert deployment.locate(["metadata", "labels", "app.kubernetes.io/name"]) == (13, 5)


def test_list_kind_items_locate_inside_the_list() -> None:
    text = "kind: List\nitems:\n  - kind: Pod\n    spec:\n      hostNetwork: true\n  - kind: Job\n"
    pod, job = _documents(text)
    assert pod.locate(["spec", "hostNetwork"]) == (5, 7)
    assert job.locate(["spec"]) == (6, 5)


def test_merge_keys_locate_where_the_value_is_written() -> None:
    text = "kind: Pod\nbase: &b\n  x: 1\n  z: 2\nspec:\n  <<: *b\n  z: 3\n"
    (pod,) = _documents(text)
    assert pod.locate(["spec", "z"]) == (7, 3)
    assert pod.locate(["spec", "x"]) == (3, 3)


def test_non_string_keys_are_found_as_opa_sees_them() -> None:
    text = "kind: Pod\nports:\n  80: http\n  on: yes\n"
    (pod,) = _documents(text)
    assert pod.locate(["ports", "80"]) == (3, 3)
    assert pod.locate(["ports", "true"]) == (4, 3)


def test_json_documents_locate_too() -> None:
    text = (
        '{\n  "kind": "Pod",\n  "spec": {"containers": [\n    {"name": "a"}, {"name": "b"}]}\n}\n'
    )
    (pod,) = _documents(text, "pod.json")
    assert pod.locate(["spec", "containers", 1, "name"]) == (4, 21)
    assert pod.locate(["spec", "containers", 1, "image"]) == (4, 20)
    assert pod.locate(["spec", "hostNetwork"]) == (3, 3)
    assert pod.locate([]) == (1, 1)


def test_positions_are_computed_once_per_file() -> None:
    documents = _documents(DEPLOYMENT)
    documents[1].locate(["spec"])
    positions = documents[0].locator._file  # type: ignore[union-attr]
    assert positions._documents is not None
    cached = positions._documents
    documents[0].locate(["metadata"])
    assert positions._documents is cached
