"""The AIDeployment model: validation, the committed JSON Schema and the README reference.

Regenerate the generated files after changing the model with
`.venv/bin/python tests/unit/models/test_manifest.py --write`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from riskreg.models.manifest import AIDeployment, reference_markdown

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "riskreg" / "schemas" / "aideployment.schema.json"
README = REPO / "README.md"
EXAMPLES = REPO / "examples" / "deployments"
START = "<!-- aideployment-reference:start -->"
END = "<!-- aideployment-reference:end -->"


def schema_text() -> str:
    return json.dumps(AIDeployment.json_schema(), indent=2, sort_keys=True) + "\n"


def readme_with_reference(text: str) -> str:
    block = f"{START}\n{reference_markdown()}{END}"
    return re.sub(re.escape(START) + r".*?" + re.escape(END), lambda _: block, text, flags=re.S)


def minimal(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "riskreg/v1",
        "kind": "AIDeployment",
        "metadata": {"name": "agent"},
        "spec": spec,
    }


def error_paths(exc: ValidationError) -> list[str]:
    return [".".join(str(part) for part in error["loc"]) for error in exc.errors()]


def test_pass_minimal_manifest() -> None:
    deployment = AIDeployment.model_validate(minimal())
    assert deployment.metadata.name == "agent"
    assert deployment.spec.egress is None


def test_pass_camel_case_and_python_names() -> None:
    by_alias = AIDeployment.model_validate(minimal(egress={"defaultPolicy": "deny"}))
    by_name = AIDeployment.model_validate(minimal(egress={"default_policy": "deny"}))
    assert by_alias == by_name
    dumped = by_alias.model_dump(by_alias=True, exclude_none=True)
    assert dumped["spec"]["egress"]["defaultPolicy"] == "deny"
    assert dumped["apiVersion"] == "riskreg/v1"


def test_deny_unknown_nested_field_names_its_path() -> None:
    document = minimal(egress={"defaultPolicy": "deny", "allowlist": [{"domian": "x.example"}]})
    with pytest.raises(ValidationError) as caught:
        AIDeployment.model_validate(document)
    assert error_paths(caught.value) == ["spec.egress.allowlist.0.domian"]
    assert caught.value.errors()[0]["type"] == "extra_forbidden"


def test_deny_unknown_top_level_field() -> None:
    with pytest.raises(ValidationError) as caught:
        AIDeployment.model_validate({**minimal(), "status": {}})
    assert error_paths(caught.value) == ["status"]


@pytest.mark.parametrize(
    ("patch", "path"),
    [
        ({"apiVersion": "riskreg/v2"}, "apiVersion"),
        ({"kind": "Deployment"}, "kind"),
        ({"metadata": {"name": "Not A DNS Name"}}, "metadata.name"),
    ],
)
def test_deny_wrong_header(patch: dict[str, Any], path: str) -> None:
    with pytest.raises(ValidationError) as caught:
        AIDeployment.model_validate({**minimal(), **patch})
    assert error_paths(caught.value) == [path]


def test_deny_bad_enum_value() -> None:
    document = minimal(monitoring={"containment": {"action": "reboot"}})
    with pytest.raises(ValidationError) as caught:
        AIDeployment.model_validate(document)
    assert error_paths(caught.value) == ["spec.monitoring.containment.action"]


def test_pass_model_is_frozen() -> None:
    deployment = AIDeployment.model_validate(minimal())
    with pytest.raises(ValidationError):
        deployment.kind = "Other"  # type: ignore[misc]


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/aideployment.yaml")), ids=str)
def test_pass_examples_validate(path: Path) -> None:
    AIDeployment.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_pass_examples_exist() -> None:
    assert len(list(EXAMPLES.glob("*/aideployment.yaml"))) >= 3


def test_pass_committed_schema_matches_model() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_text(), (
        "schema drifted: run .venv/bin/python tests/unit/models/test_manifest.py --write"
    )


def test_pass_examples_match_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for path in sorted(EXAMPLES.glob("*/aideployment.yaml")):
        document = json.loads(json.dumps(yaml.safe_load(path.read_text("utf-8")), default=str))
        jsonschema.validate(document, schema)


def test_pass_readme_reference_is_current() -> None:
    text = README.read_text(encoding="utf-8")
    assert text.count(START) == 1
    assert text.count(END) == 1
    assert readme_with_reference(text) == text, (
        "README reference drifted: run .venv/bin/python tests/unit/models/test_manifest.py --write"
    )


if __name__ == "__main__" and "--write" in sys.argv:
    SCHEMA.write_text(schema_text(), encoding="utf-8")
    README.write_text(readme_with_reference(README.read_text(encoding="utf-8")), encoding="utf-8")
