"""Hypothesis settings shared by the differential tests that send one batch per example to opa."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, Phase, settings


def batch_settings(max_examples: int) -> Any:
    """Few, large examples, no deadline; no shrinking, which would re-run opa for every step
    (a failure prints its whole case instead)."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
