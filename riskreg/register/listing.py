"""Select risks and catalogue actions by filters and render them as table, JSON, YAML or CSV text."""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from riskreg.models.catalogue import CatalogueAction
from riskreg.models.risk import Coded, Risk
from riskreg.register.yamlio import dump_yaml, prune

RISK_COLUMNS = ("id", "domain", "subdomain", "entity", "intent", "timing", "mitigations", "title")
ACTION_COLUMNS = ("id", "code", "category", "name")


@dataclass(frozen=True)
class RiskFilter:
    """Each filter matches a code exactly or a name/label case-insensitively by substring."""

    domain: str | None = None
    subdomain: str | None = None
    entity: str | None = None
    intent: str | None = None
    timing: str | None = None
    text: str | None = None

    def matches(self, risk: Risk) -> bool:
        causal = risk.causal
        tests = [
            _coded(self.domain, (risk.domain.code, risk.domain.name) if risk.domain else None),
            _coded(
                self.subdomain,
                (risk.subdomain.code, risk.subdomain.name) if risk.subdomain else None,
            ),
            _coded(self.entity, _pair(causal.entity if causal else None)),
            _coded(self.intent, _pair(causal.intent if causal else None)),
            _coded(self.timing, _pair(causal.timing if causal else None)),
            self.text is None or self.text.casefold() in _haystack(risk),
        ]
        return all(tests)


def _pair(value: Coded | None) -> tuple[str, str] | None:
    return (value.code, value.label) if value else None


def _coded(wanted: str | None, value: tuple[str, str] | None) -> bool:
    if wanted is None:
        return True
    if not value:
        return False
    code, name = value
    return wanted.strip() == code or wanted.strip().casefold() in name.casefold()


def _haystack(risk: Risk) -> str:
    texts = [risk.id, risk.title, risk.description]
    texts += [f"{m.id} {m.title} {m.description}" for m in risk.mitigations]
    return " ".join(texts).casefold()


def risk_row(risk: Risk) -> dict[str, str]:
    """The flat columns of a risk for tables and CSV."""
    causal = risk.causal
    return {
        "id": risk.id,
        "domain": risk.domain.code if risk.domain else "",
        "subdomain": risk.subdomain.code if risk.subdomain else "",
        "entity": str(causal.entity) if causal else "",
        "intent": str(causal.intent) if causal else "",
        "timing": str(causal.timing) if causal else "",
        "mitigations": str(len(risk.mitigations)),
        "title": risk.title,
    }


def action_row(action: CatalogueAction) -> dict[str, str]:
    """The flat columns of a catalogue action."""
    return {
        "id": action.id,
        "code": action.code or "",
        "category": action.category or "",
        "name": action.name,
    }


def render_table(rows: Sequence[dict[str, str]], columns: Sequence[str], width: int = 60) -> str:
    """Aligned plain-text columns; long cells are cut so one record stays on one line."""
    cut = [{key: _cut(row[key], width) for key in columns} for row in rows]
    widths = {key: max([len(key), *(len(row[key]) for row in cut)]) for key in columns}
    lines = ["  ".join(key.upper().ljust(widths[key]) for key in columns).rstrip()]
    lines += ["  ".join(row[key].ljust(widths[key]) for key in columns).rstrip() for row in cut]
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def render_csv(rows: Iterable[dict[str, str]], columns: Sequence[str]) -> str:
    """RFC 4180 CSV with a header row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def render_data(items: list[Any], as_yaml: bool) -> str:
    """Full records as JSON (a list) or YAML, without empty fields."""
    data = [prune(item) for item in items]
    return dump_yaml(data) if as_yaml else json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def render_record(item: dict[str, Any], as_yaml: bool) -> str:
    """One record as a YAML mapping or a JSON object, without empty fields."""
    data = prune(item)
    return dump_yaml(data) if as_yaml else json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def suggestion(wanted: str, known: Iterable[str]) -> str | None:
    """A did-you-mean hint for an unknown id."""
    close = difflib.get_close_matches(wanted, list(known), n=3, cutoff=0.6)
    return f"did you mean {', '.join(close)}?" if close else None
