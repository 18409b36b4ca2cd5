"""riskreg: an AI risk register whose mitigations are enforced as Rego controls evaluated by OPA."""

__version__ = "0.1.0"
