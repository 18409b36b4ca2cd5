"""The adversarial corpus as a table: per control, every evasion class it resists (its
noncompliant samples) and every secure setup it must not flag (its compliant samples).

Each sample's first comment line says what it shows; the file name is the class. The table is
written from the samples themselves, so it cannot drift from what the tests run:
tests/unit/test_corpus_table.py fails when the committed table is stale.

Usage: python benchmarks/corpus.py   (writes benchmarks/results/corpus.md)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLICIES = REPO / "policies"
OUTPUT = REPO / "benchmarks" / "results" / "corpus.md"
_ID = re.compile(r"^#\s+id:\s*([A-Z0-9]+-\d+)\s*$", re.MULTILINE)


def _control_id(folder: Path) -> str | None:
    for rego in sorted(folder.glob("*.rego")):
        if rego.name.endswith("_test.rego"):
            continue
        match = _ID.search(rego.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return None


def _what(sample: Path) -> str:
    """The sample's first comment line, without the comment marker and the control id prefix."""
    for line in sample.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith(("#", "//")):
            text = stripped.lstrip("#/").strip()
            text = re.sub(
                r"^(Noncompliant|Compliant)( with)? [A-Z0-9-]+(, [A-Z0-9-]+)*:\s*", "", text
            )
            text = re.sub(r"^[A-Z]+-\d+(, [A-Z]+-\d+)*:\s*", "", text)
            return text.replace("|", "\\|")
        if stripped and stripped != "---":
            break
    return "(the file name says it; JSON samples carry no comment)"


def _samples(folder: Path, prefix: str) -> Iterator[Path]:
    for sample in sorted((folder / "samples").glob(f"{prefix}*")):
        if sample.suffix in {".yaml", ".yml", ".json"}:
            yield sample


def table() -> str:
    controls: list[tuple[str, Path]] = []
    for folder in sorted(path.parent for path in POLICIES.glob("*/*/samples")):
        control = _control_id(folder)
        if control is not None:
            controls.append((control, folder))
    controls.sort()
    noncompliant = sum(len(list(_samples(folder, "noncompliant"))) for _, folder in controls)
    compliant = sum(len(list(_samples(folder, "compliant"))) for _, folder in controls)
    lines = [
        "# The adversarial corpus",
        "",
        "Written by `benchmarks/corpus.py` from `policies/*/*/samples/`; do not edit by hand.",
        "Every noncompliant sample is one way to evade its control, and must fail it (the Rego tests",
        "and `tests/integration/test_samples.py` run each through the real engine, conftest too);",
        "every compliant sample is a secure setup the control must not flag. Markers",
        "`# riskreg-expect: <ID>` in the samples give the lines a finding must point at.",
        "",
        f"{len(controls)} controls, {noncompliant} noncompliant samples (evasion classes), "
        f"{compliant} compliant samples.",
        "",
        "| control | kind | sample (class) | what it shows |",
        "|---|---|---|---|",
    ]
    for control, folder in controls:
        where = folder.relative_to(POLICIES).as_posix()
        for kind, prefix in (("evasion", "noncompliant"), ("secure setup", "compliant")):
            for sample in _samples(folder, prefix):
                lines.append(
                    f"| {control} | {kind} | `{where}/samples/{sample.name}` | {_what(sample)} |"
                )
    return "\n".join(lines) + "\n"


def main() -> int:
    OUTPUT.write_text(table(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
