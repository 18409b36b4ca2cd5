"""Controls: the catalogue read from Rego METADATA, the OPA engine boundary, and evaluation."""
