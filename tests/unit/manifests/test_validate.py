"""What an AIDeployment is: riskreg's documents in any spelling are validated or refused, never passed over."""

from __future__ import annotations

import pytest

from riskreg.errors import InvalidInputError
from riskreg.manifests.validate import validate_documents
from riskreg.models.target import Document

MINIMAL = {
    "apiVersion": "riskreg/v1",
    "kind": "AIDeployment",
    "metadata": {"name": "a"},
    "spec": {},
}


def _doc(**changes: object) -> Document:
    return Document(path="t/ai.yaml", index=0, line=3, contents={**MINIMAL, **changes})


def test_pass_supported_version_is_validated() -> None:
    assert validate_documents([_doc()])


@pytest.mark.parametrize(
    "api_version",
    [
        "riskreg/v1beta1",
        "riskreg/V1",
        "RiskReg/v1",
        " riskreg/v1",
        "riskreg/v2",
        "riskreg",
        "riskreg.dev/v1",
    ],
)
def test_deny_other_versions_of_the_group(api_version: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        validate_documents([_doc(apiVersion=api_version)])
    assert "t/ai.yaml:3: apiVersion" in str(caught.value)
    assert "riskreg/v1 (AIDeployment)" in caught.value.hint


@pytest.mark.parametrize("api_version", ["example.com/v1", None, 1])
def test_deny_aideployment_kind_under_another_group(api_version: object) -> None:
    with pytest.raises(InvalidInputError, match="apiVersion"):
        validate_documents([_doc(apiVersion=api_version)])


@pytest.mark.parametrize("kind", ["aideployment", "AIDEPLOYMENT", " AIDeployment"])
def test_deny_other_spellings_of_the_kind(kind: str) -> None:
    with pytest.raises(InvalidInputError):
        validate_documents([_doc(kind=kind)])


def test_pass_other_groups_are_not_riskreg_documents() -> None:
    deployment = Document(
        path="d.yaml", index=0, line=1, contents={"apiVersion": "apps/v1", "kind": "Deployment"}
    )
    assert validate_documents([deployment]) == [deployment]
