"""A control as its Rego METADATA describes it: the single record of what it checks and mitigates."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from riskreg.models.base import Frozen
from riskreg.models.enforcement import ENFORCEMENT_ACTIONS
from riskreg.models.severity import Severity

__all__ = ["ENFORCEMENT_ACTIONS", "Control", "ControlId", "RelatedResource", "Severity"]


ControlId = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*-[0-9]{3}$")]


class RelatedResource(Frozen):
    """A link from a control's METADATA `related_resources`."""

    ref: str
    description: str | None = None


class Control(Frozen):
    """One Rego control: package, METADATA, and where it lives."""

    id: ControlId
    title: str
    description: str
    severity: Severity
    version: int = Field(
        default=1, ge=1, description="Bumped whenever the control's verdicts change"
    )
    mitigates: list[str] = Field(min_length=1)
    kinds: list[str] = Field(min_length=1, description="Document kinds the control looks at")
    frameworks: dict[str, list[str]] = Field(default_factory=dict)
    related_resources: list[RelatedResource] = Field(default_factory=list)
    enforcement: Literal["deny", "warn", "off"] = Field(
        default="deny",
        description="deny: failures fail the gate; warn: reported as warnings; off: not run "
        "([tool.riskreg.enforcement])",
    )
    package: str = Field(description="Rego package, e.g. riskreg.network.egress_default_deny")
    file: str = Field(description="The control's .rego file, relative to the policies folder")

    @property
    def package_key(self) -> str:
        """The package without the `riskreg.` prefix, as the gate entrypoint keys its results."""
        return self.package.removeprefix("riskreg.")


def by_package_key(answer: dict[str, Any]) -> dict[str, Any]:
    """The gate's answer for one target keyed by package key (`area.control`).

    The gate nests its results by area and control (`{area: {control: result}}`), which saves
    OPA building the key for every control of every target; gates of earlier bundles key them
    flat (`{"area.control": result}`), as decision logs may still hold. Both read the same."""
    flat: dict[str, Any] = {}
    for key, value in answer.items():
        if "." in key or not isinstance(value, dict):
            flat[key] = value
        else:
            flat.update((f"{key}.{control}", result) for control, result in value.items())
    return flat
