"""The CI workflow around a check: waivers, baselines, run history, evidence and OPA bundles."""
