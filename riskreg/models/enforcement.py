"""Enforcement actions of a control, in a module without pydantic so settings load fast."""

from __future__ import annotations

# What a failing control does (Gatekeeper's enforcementAction): fail the gate, warn, or not run.
ENFORCEMENT_ACTIONS = ("deny", "warn", "off")
