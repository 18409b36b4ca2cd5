"""riskreg next to Checkov's Kubernetes checks on the same files: caught, missed, false positives.

Corpora, each file one target:
- riskreg's adversarial corpus: every control's samples. A noncompliant sample is one evasion
  class; a compliant sample is a secure setup a naive check flags. A tool *catches* a
  noncompliant sample when it reports a failure there that it does not report on the control's
  baseline `samples/compliant.yaml` (so each tool is judged on the difference the sample makes,
  not on its general opinions); it raises a *false positive* on a compliant sample the same way.
  riskreg is also held to the stricter test: the owning control must fail.
- The gatekeeper-library Pod Security samples: `example_disallowed*` files should be flagged,
  `example_allowed*` files are counted when flagged (Gatekeeper's own parameters differ, so these
  are indications, not verdicts).
- `ai-k8s/`: real AI serving and agent manifests; findings per file for both tools, no verdict.

Usage: python benchmarks/compare.py   (make compare installs the pinned Checkov under .tools/)
Writes benchmarks/results/compare.md and compare.json.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
CHECKOV = REPO / ".tools" / "checkov" / "bin" / "checkov"
RESULTS = REPO / "benchmarks" / "results"
# The day the samples and the Rego tests pin (tests/integration/test_samples.py): samples
# dated "today" are dated that day.
NOW = "2026-11-18T12:00:00+00:00"
Failures = dict[str, set[str]]  # file -> {"<check id> <resource>"}


def _stage(files: list[Path], root: Path) -> dict[str, Path]:
    """Copy files under unique names into root (one folder per file, so riskreg sees one target
    per file and Checkov one file per folder); returns staged name -> original path."""
    staged: dict[str, Path] = {}
    for index, path in enumerate(files):
        name = f"f{index:04d}"
        (root / name).mkdir(parents=True)
        shutil.copy(path, root / name / path.name)
        staged[name] = path
    return staged


CHECKOV_GROUP = 20  # files per Checkov call: one call over hundreds of files built a graph
CHECKOV_TIMEOUT = 600  # seconds per call; Checkov once ran 21 minutes at 8.8 GB on all 418 samples


def _checkov_group(root: Path, names: list[str]) -> tuple[Failures, list[str]]:
    """Checkov over some staged folders' files; (failures, folders it did not finish)."""
    files = [f"{name}/{path.name}" for name in names for path in sorted((root / name).iterdir())]
    command = [str(CHECKOV), "--framework", "kubernetes", "-o", "json", "--quiet", "--compact",
               "--skip-download", "--no-fail-on-crash"]  # fmt: skip
    for file in files:
        command += ["-f", file]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=CHECKOV_TIMEOUT, check=False, cwd=root
        )
    except subprocess.TimeoutExpired:
        return {}, names
    reports = json.loads(done.stdout or "[]")
    failures: Failures = defaultdict(set)
    for report in reports if isinstance(reports, list) else [reports]:
        for check in report.get("results", {}).get("failed_checks", []):
            staged = Path(check["file_path"].lstrip("/")).parts[0]
            failures[staged].add(f"{check['check_id']} {check.get('resource', '')}")
    return failures, []


def checkov_failures(root: Path) -> Failures:
    """Checkov's Kubernetes framework over every staged file, in groups on both cores; a group
    that does not finish in CHECKOV_TIMEOUT is reported on stderr and counts as nothing found."""
    from concurrent.futures import ThreadPoolExecutor

    names = sorted(path.name for path in root.iterdir() if path.is_dir())
    groups = [names[i : i + CHECKOV_GROUP] for i in range(0, len(names), CHECKOV_GROUP)]
    failures: Failures = defaultdict(set)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for found, unfinished in pool.map(lambda group: _checkov_group(root, group), groups):
            for staged, checks in found.items():
                failures[staged] |= checks
            if unfinished:
                print(f"checkov did not finish on {len(unfinished)} files", file=sys.stderr)
    return failures


def _riskreg_json(paths: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(REPO / ".venv" / "bin" / "riskreg"), "check", "--now", NOW, "-f", "json",
         *map(str, paths)],
        capture_output=True, text=True, cwd=REPO, timeout=900, check=False,
    )  # fmt: skip


def riskreg_failures(root: Path, staged: dict[str, Path]) -> tuple[Failures, dict[str, str]]:
    """riskreg's failing findings per staged file, and any file it refused (exit 3) with why.

    One run over every folder (each a target); only when some file is refused does it fall back
    to one run per file, to name each refused one."""
    failures: Failures = defaultdict(set)
    refused: dict[str, str] = {}
    done = _riskreg_json([root / name for name in staged])
    runs = [(None, done)] if done.returncode in (0, 1) else [
        (name, _riskreg_json([root / name])) for name in staged
    ]  # fmt: skip
    for name, run in runs:
        if run.returncode not in (0, 1):
            refused[str(name)] = run.stderr.strip().splitlines()[-1] if run.stderr else "?"
            continue
        for finding in json.loads(run.stdout)["findings"]:
            if finding["outcome"] == "fail":
                staged_name = Path(finding["target"]).name
                failures[staged_name].add(
                    f"{finding['control_id']} {finding.get('resource') or ''}"
                )
    return failures, refused


def _adversarial() -> list[tuple[str, Path, Path]]:
    """(control folder, sample, baseline) for every sample of every control."""
    rows = []
    for samples in sorted((REPO / "policies").glob("*/*/samples")):
        baseline = samples / "compliant.yaml"
        if not baseline.is_file():
            candidates = sorted(samples.glob("compliant*"))
            if not candidates:
                continue
            baseline = candidates[0]
        for sample in sorted(samples.iterdir()):
            if sample.suffix in (".yaml", ".yml", ".json") and sample != baseline:
                rows.append((str(samples.parent.relative_to(REPO / "policies")), sample, baseline))
    return rows


def _control_ids() -> dict[str, str]:
    found: dict[str, str] = {}
    for source in (REPO / "policies").glob("*/*/*.rego"):
        if source.name.endswith("_test.rego"):
            continue
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.startswith("#   id: "):
                found[str(source.parent.relative_to(REPO / "policies"))] = line.split()[-1]
    return found


def compare_adversarial(work: Path) -> list[dict[str, Any]]:
    rows = _adversarial()
    files = sorted({p for _, sample, baseline in rows for p in (sample, baseline)})
    staged = _stage(files, work / "adversarial")
    by_path = {path: name for name, path in staged.items()}
    checkov = checkov_failures(work / "adversarial")
    riskreg, refused = riskreg_failures(work / "adversarial", staged)
    ids = _control_ids()
    table = []
    for folder, sample, baseline in rows:
        name, base = by_path[sample], by_path[baseline]
        noncompliant = sample.name.startswith("noncompliant")
        control = ids.get(folder, "?")
        new_checkov = checkov.get(name, set()) - checkov.get(base, set())
        new_riskreg = riskreg.get(name, set()) - riskreg.get(base, set())
        owning = any(item.split()[0] == control for item in riskreg.get(name, set()))
        table.append(
            {
                "control": control,
                "sample": f"{folder}/samples/{sample.name}",
                "expect": "fail" if noncompliant else "pass",
                "riskreg": "refused: " + refused[name] if name in refused else
                ("flagged" if owning else "silent"),
                "riskreg_new": sorted(new_riskreg),
                "checkov_new": sorted(new_checkov),
            }
        )  # fmt: skip
    return table


def compare_corpus(work: Path, files: list[Path], label: str) -> list[dict[str, Any]]:
    staged = _stage(files, work / label)
    checkov = checkov_failures(work / label)
    riskreg, refused = riskreg_failures(work / label, staged)
    return [
        {
            "file": str(path.relative_to(SHARED)),
            "riskreg": sorted(riskreg.get(name, set())),
            "riskreg_refused": refused.get(name),
            "checkov": sorted(checkov.get(name, set())),
        }
        for name, path in sorted(staged.items())
    ]


def _summary(table: list[dict[str, Any]]) -> dict[str, int]:
    bad = [row for row in table if row["expect"] == "fail"]
    good = [row for row in table if row["expect"] == "pass"]
    riskreg_caught = sum(1 for row in bad if row["riskreg"] == "flagged")
    checkov_caught = sum(1 for row in bad if row["checkov_new"])
    return {
        "noncompliant": len(bad),
        "compliant": len(good),
        "riskreg_caught": riskreg_caught,
        "checkov_caught": checkov_caught,
        "both_caught": sum(1 for r in bad if r["riskreg"] == "flagged" and r["checkov_new"]),
        "checkov_only": sum(1 for r in bad if r["riskreg"] != "flagged" and r["checkov_new"]),
        "riskreg_fp": sum(1 for row in good if row["riskreg"] == "flagged"),
        "checkov_fp": sum(1 for row in good if row["checkov_new"]),
    }


def _markdown(adversarial: list[dict[str, Any]], psp: list[dict[str, Any]],
              ai: list[dict[str, Any]], version: str) -> str:  # fmt: skip
    s = _summary(adversarial)
    lines = [
        "# riskreg and Checkov on the same files",
        "",
        f"Checkov {version} (`--framework kubernetes`), riskreg at this commit; written by "
        "`make compare` (benchmarks/compare.py). A tool catches a noncompliant sample when it "
        "reports a failure there that it does not report on the control's baseline compliant "
        "sample; riskreg must also fail the owning control.",
        "",
        "## Adversarial corpus (policies/*/*/samples)",
        "",
        f"- noncompliant samples: {s['noncompliant']}; riskreg catches **{s['riskreg_caught']}**, "
        f"Checkov **{s['checkov_caught']}** (both {s['both_caught']}; Checkov only "
        f"{s['checkov_only']})",
        f"- compliant samples: {s['compliant']}; false positives: riskreg **{s['riskreg_fp']}**, "
        f"Checkov **{s['checkov_fp']}**",
        "",
        "| control | sample | expected | riskreg | Checkov (new failures vs baseline) |",
        "|---|---|---|---|---|",
    ]
    for row in adversarial:
        checkov = ", ".join(sorted({item.split()[0] for item in row["checkov_new"]})) or "-"
        lines.append(
            f"| {row['control']} | {row['sample']} | {row['expect']} | {row['riskreg']} | {checkov} |"
        )
    lines += ["", "## gatekeeper-library Pod Security samples", ""]
    lines += _corpus_table(psp)
    lines += ["", "## ai-k8s (real AI serving and agent manifests)", ""]
    lines += _corpus_table(ai)
    return "\n".join(lines) + "\n"


def _corpus_table(rows: list[dict[str, Any]]) -> list[str]:
    out = ["| file | riskreg failing controls | Checkov failing checks |", "|---|---|---|"]
    for row in rows:
        ours = row["riskreg_refused"] or ", ".join(sorted({i.split()[0] for i in row["riskreg"]}))
        theirs = ", ".join(sorted({item.split()[0] for item in row["checkov"]}))
        out.append(f"| {row['file']} | {ours or '-'} | {theirs or '-'} |")
    return out


def main() -> int:
    if not CHECKOV.is_file():
        print(
            f"{CHECKOV} missing: run `make compare`, which installs the pinned Checkov",
            file=sys.stderr,
        )
        return 2
    version = subprocess.run(
        [str(CHECKOV), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="riskreg-compare-") as tmp:
        work = Path(tmp)
        adversarial = compare_adversarial(work)
        psp_files = sorted(
            (SHARED / "k8s-gatekeeper-samples" / "pod-security-policy").rglob("*.yaml")
        )
        psp = compare_corpus(work, psp_files, "psp")
        ai = compare_corpus(work, sorted((SHARED / "ai-k8s").glob("*.yaml")), "ai")
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"checkov": version, "summary": _summary(adversarial), "adversarial": adversarial,
            "gatekeeper_pss": psp, "ai_k8s": ai}  # fmt: skip
    (RESULTS / "compare.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "compare.md").write_text(_markdown(adversarial, psp, ai, version), encoding="utf-8")
    print(json.dumps(data["summary"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
