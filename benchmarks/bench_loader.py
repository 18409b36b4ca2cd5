"""Micro-benchmark of the manifest loader alone (no OPA): CPU seconds to load N benchmark targets.

Usage: python benchmarks/bench_loader.py TARGETS_DIR [REPEATS]   (TARGETS_DIR from generate.py)
Prints the median and minimum CPU time (process time, so other load on the machine counts less)
of loading every file, and the cost of locating one field per document afterwards.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from riskreg.manifests.read import read_file
from riskreg.yamlsafe.limits import Limits


def _load_all(files: list[Path]) -> list[object]:
    limits = Limits()
    return [
        document
        for file in files
        for document in read_file(file, file.name, limits, explicit=False).documents
    ]


def main() -> None:
    root = Path(sys.argv[1])
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    files = sorted(root.rglob("*.yaml"))
    times = []
    for _ in range(repeats):
        start = time.process_time()
        documents = _load_all(files)
        times.append(time.process_time() - start)
    print(
        f"load {len(files)} files, {len(documents)} documents: median {statistics.median(times):.3f} s, min {min(times):.3f} s CPU"
    )
    locate = getattr(documents[0], "locate", None)
    if locate is None:
        return
    start = time.process_time()
    for document in documents:
        document.locate(["spec", "template", "spec", "containers", 0, "securityContext"])  # type: ignore[attr-defined]
    print(
        f"locate one field in each document (first use parses positions): {time.process_time() - start:.3f} s CPU"
    )


if __name__ == "__main__":
    main()
