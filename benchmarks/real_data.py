"""`make real-data`: riskreg on the real AI manifests and charts of ../shared/data, judged by a reviewer.

Runs `riskreg check --format json` once over every file in ai-k8s/ and every chart in helm-charts/
(each file or chart is its own target), and writes benchmarks/results/real-ai-k8s.md: per target,
the findings of the current controls next to what a reviewer expects them to report
(benchmarks/real-ai-k8s-review.yaml: `expect` must fail, `either` may fail, `why`). Agreement is
recomputed on every run, so after the controls change the table shows where they now agree.
Any exit code other than 0 or 1 (a file riskreg cannot read) stops the script.
"""

from __future__ import annotations

import collections
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
REVIEW = REPO / "benchmarks" / "real-ai-k8s-review.yaml"
OUTPUT = REPO / "benchmarks" / "results" / "real-ai-k8s.md"
# A fixed clock: the table changes only when findings or the review change.
NOW = "2026-01-01T00:00:00+00:00"


def targets() -> list[str]:
    """Every manifest file and every chart folder, as paths relative to the repository."""
    files = sorted((DATA / "ai-k8s").glob("*.y*ml"))
    charts = sorted(path for path in (DATA / "helm-charts").iterdir() if path.is_dir())
    return [os.path.relpath(path, REPO) for path in [*files, *charts]]


def run_check(paths: list[str]) -> dict[str, Any]:
    bin_dir = REPO / ".tools" / "bin"
    env = {
        **os.environ,
        "RISKREG_OPA": str(bin_dir / "opa"),
        "RISKREG_HELM": str(bin_dir / "helm"),
        "RISKREG_KUSTOMIZE": str(bin_dir / "kustomize"),
    }
    command = [sys.executable, "-m", "riskreg", "check", "--format", "json", "--now", NOW, *paths]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"riskreg exited {done.returncode}: {done.stderr.strip()}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def kinds_by_target(paths: list[str]) -> dict[str, list[str]]:
    """The kinds each target holds (charts rendered), read the way riskreg reads them."""
    sys.path.insert(0, str(REPO))
    from riskreg.manifests.discover import discover
    from riskreg.yamlsafe.limits import Limits

    cwd = Path.cwd()
    os.chdir(REPO)
    try:
        return {
            target.name: sorted({doc.kind for doc in target.documents})
            for target in discover(paths, Limits())
        }
    finally:
        os.chdir(cwd)


def verdict(failing: set[str], review: dict[str, Any] | None) -> str:
    if review is None:
        return "not reviewed"
    expect, either = set(review.get("expect") or []), set(review.get("either") or [])
    missed, extra = sorted(expect - failing), sorted(failing - expect - either)
    if not missed and not extra:
        return "yes"
    parts = [
        f"misses {', '.join(missed)}" if missed else "",
        f"extra {', '.join(extra)}" if extra else "",
    ]
    return "no: " + "; ".join(part for part in parts if part)


def _short(name: str) -> str:
    return Path(name).name


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render(report: dict[str, Any], kinds: dict[str, list[str]], reviews: dict[str, Any]) -> str:
    by_target: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for finding in report["findings"]:
        if finding["outcome"] in ("fail", "warn", "error"):
            by_target[finding["target"]].append(finding)
    rows, details, counts = [], [], collections.Counter[str]()
    for name in kinds:
        findings = by_target.get(name, [])
        failing = {f["control_id"] for f in findings if f["outcome"] == "fail"}
        review = reviews.get(_short(name))
        agreed = verdict(failing, review)
        counts[agreed.split(":")[0]] += 1
        tally = collections.Counter(f["control_id"] for f in findings if f["outcome"] == "fail")
        found = ", ".join(f"{c} x{n}" if n > 1 else c for c, n in sorted(tally.items())) or "none"
        expected = (", ".join(review.get("expect") or []) or "none") if review else "-"
        rows.append(
            f"| `{_short(name)}` | {', '.join(kinds[name])} | {found} | {expected} | {agreed} |"
        )
        details.append(_details(name, findings, review))
    summary = (
        f"{len(kinds)} targets read, 0 read errors; reviewed {sum(counts.values()) - counts['not reviewed']}: "
        f"{counts['yes']} agree, {counts['no']} do not."
    )
    return "\n".join(
        [HEADER, summary, "", TABLE_HEAD, *rows, "", "## Findings and reviews", "", *details]
    )


def _details(name: str, findings: list[dict[str, Any]], review: dict[str, Any] | None) -> str:
    lines = [f"### `{_short(name)}`", ""]
    for f in findings:
        where = f"{f.get('file') or name}:{f.get('line') or '-'}"
        lines.append(
            f"- {f['outcome']} **{f['control_id']}** `{f.get('resource') or '-'}` "
            f"`{f.get('path') or '-'}` at `{_short(where)}`"
        )
    if not findings:
        lines.append("- no failing control")
    if review:
        either = ", ".join(review.get("either") or [])
        lines.append(
            f"- reviewer expects: {', '.join(review.get('expect') or []) or 'none'}"
            + (f" (either way: {either})" if either else "")
        )
        lines.append(f"- why: {_cell(' '.join(str(review['why']).split()))}")
    return "\n".join([*lines, ""])


HEADER = """# riskreg on real AI manifests and charts

Generated by `make real-data` (`benchmarks/real_data.py`) from `../shared/data/ai-k8s/` (every file
a target) and `../shared/data/helm-charts/` (every chart a target, rendered by `helm template`
with its default values), with the controls in `policies/` at the time of the run. The reviewer's
expectations are in `benchmarks/real-ai-k8s-review.yaml` (`expect`: a reviewer wants these
controls to fail; `either`: a finding or none are both defensible); "agrees?" is recomputed on
each run. The files were written by others; see each folder's SOURCES.md for origin and licence.
"""
TABLE_HEAD = (
    "| target | kinds | failing controls now | reviewer expects | agrees? |\n|---|---|---|---|---|"
)


def main() -> None:
    paths = targets()
    reviews = yaml.safe_load(REVIEW.read_text(encoding="utf-8")) or {}
    unknown = sorted(set(reviews) - {_short(path.rstrip("/")) for path in paths})
    if unknown:
        raise SystemExit(f"{REVIEW.name}: reviews of targets that are not in the data: {unknown}")
    kinds = kinds_by_target(paths)
    OUTPUT.write_text(render(run_check(paths), kinds, reviews), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}", file=sys.stderr)


if __name__ == "__main__":
    main()
