"""Safe, bounded YAML and JSON reading shared by manifests and the register (below both layers)."""
