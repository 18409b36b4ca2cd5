"""The MIT AI Risk Mitigation Database as a catalogue that register mitigations can link to."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import Field, StringConstraints

from riskreg.models.base import Frozen

NonEmpty = Annotated[str, StringConstraints(min_length=1)]


class TaxonomySubcategory(Frozen):
    """A subcategory of the draft MIT mitigation taxonomy (`1.1` / `Board Structure & Oversight`)."""

    code: NonEmpty
    name: NonEmpty
    description: str | None = None
    examples: str | None = None


class TaxonomyCategory(Frozen):
    """A top-level category of the draft MIT mitigation taxonomy (`1` / `Governance & ...`)."""

    code: NonEmpty
    name: NonEmpty
    description: str | None = None
    subcategories: list[TaxonomySubcategory] = Field(default_factory=list)


class CatalogueAction(Frozen):
    """One row of the mitigation database: an action an organisation can take."""

    id: NonEmpty = Field(description="MIT Action ID, e.g. 'A0086_Future of Life Institute2024'")
    name: NonEmpty
    definition: str | None = None
    source: str | None = Field(default=None, description="Document the action comes from")
    code: str | None = Field(default=None, description="Taxonomy code, e.g. '1.1' or '1.X'")
    category: str | None = Field(default=None, description="Taxonomy label as the database has it")


class CatalogueSource(Frozen):
    """Where the catalogue came from, precise enough to fetch the same bytes again."""

    repository: NonEmpty = "MIT AI Risk Mitigation Database"
    file: NonEmpty
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    snapshot_date: dt.date | None = None
    taxonomy_file: str | None = None
    taxonomy_sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")


class MitigationCatalogue(Frozen):
    """The content of `risks/catalogue/mitigations.yaml`."""

    schema_version: Annotated[int, Field(ge=1, le=1)] = 1
    source: CatalogueSource
    taxonomy: list[TaxonomyCategory] = Field(default_factory=list)
    actions: list[CatalogueAction] = Field(default_factory=list)

    def action(self, action_id: str) -> CatalogueAction | None:
        """The action with this id, or None."""
        return next((action for action in self.actions if action.id == action_id), None)
