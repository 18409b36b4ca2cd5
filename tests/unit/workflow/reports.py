"""A Report built without opa, for history and evidence tests."""

from __future__ import annotations

import datetime as dt

from riskreg.models.control import Severity
from riskreg.models.finding import Finding, Report, ToolInfo
from riskreg.policy.catalog import Catalog
from riskreg.policy.report import build_report


def report(findings: list[Finding], day: int = 10) -> Report:
    return build_report(
        findings,
        Catalog(controls=[]),
        targets=1,
        fail_on=Severity.LOW,
        tool=ToolInfo(version="0.0.0", opa_version="1.22.2"),
        generated_at=dt.datetime(2026, 1, day, tzinfo=dt.UTC),
    )
