"""Bounds on the child processes riskreg runs on others' code: opa, helm, kustomize."""
