"""The one base class for riskreg's models: frozen, no unknown fields, strict about whitespace."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Immutable model that rejects unknown fields, so a typo in YAML is an error, not a silent no-op."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=False)
