"""Safe loading of YAML/JSON manifests into evaluation targets; the input limits live here."""
