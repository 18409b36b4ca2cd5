"""Generate N realistic benchmark targets from the passing example deployment, about 10 % failing.

Each target is a folder holding an AIDeployment and its Kubernetes Deployment, ServiceAccount,
NetworkPolicy and RBAC documents, renamed per target; a seeded 10 % get one realistic mistake.
Usage: python benchmarks/generate.py OUT_DIR N [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

TEMPLATE = Path(__file__).resolve().parents[1] / "examples" / "deployments" / "browsing-agent"
Docs = list[dict[str, Any]]


def _load_template() -> Docs:
    documents: Docs = []
    for path in sorted(TEMPLATE.glob("*.yaml")):
        documents.extend(doc for doc in yaml.safe_load_all(path.read_text()) if doc)
    return documents


def _open_egress(docs: Docs) -> None:
    for doc in docs:
        if doc["kind"] == "AIDeployment":
            doc["spec"]["egress"]["defaultPolicy"] = "allow"


def _host_network(docs: Docs) -> None:
    for doc in docs:
        if doc["kind"] == "Deployment":
            doc["spec"]["template"]["spec"]["hostNetwork"] = True


def _wildcard_rbac(docs: Docs) -> None:
    for doc in docs:
        if doc["kind"] in ("Role", "ClusterRole"):
            doc["rules"] = [{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}]


def _no_rate_limits(docs: Docs) -> None:
    for doc in docs:
        if doc["kind"] == "AIDeployment":
            doc["spec"].get("gating", {}).pop("rateLimits", None)


MISTAKES: list[Callable[[Docs], None]] = [
    _open_egress,
    _host_network,
    _wildcard_rbac,
    _no_rate_limits,
]


def _split(docs: Docs) -> tuple[str, str]:
    ai = [doc for doc in docs if doc["kind"] == "AIDeployment"]
    k8s = [doc for doc in docs if doc["kind"] != "AIDeployment"]
    return yaml.safe_dump_all(ai, sort_keys=False), yaml.safe_dump_all(k8s, sort_keys=False)


def generate(out: Path, count: int, seed: int = 7, failing_share: float = 0.1) -> list[bool]:
    """Write `count` target folders under `out`; returns, per target, whether it should fail."""
    rng = random.Random(seed)
    ai_text, k8s_text = _split(_load_template())
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    failing: list[bool] = []
    for index in range(count):
        name = f"agent-{index:06d}"
        texts = (ai_text.replace("browsing-agent", name), k8s_text.replace("browsing-agent", name))
        fails = rng.random() < failing_share
        if fails:
            docs = [doc for text in texts for doc in yaml.safe_load_all(text) if doc]
            rng.choice(MISTAKES)(docs)
            texts = _split(docs)
        folder = out / f"target-{index:06d}"
        folder.mkdir()
        (folder / "aideployment.yaml").write_text(texts[0])
        (folder / "k8s.yaml").write_text(texts[1])
        failing.append(fails)
    return failing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    failing = generate(args.out, args.count, args.seed)
    print(f"wrote {args.count} targets to {args.out} ({sum(failing)} with a mistake)")


if __name__ == "__main__":
    main()
