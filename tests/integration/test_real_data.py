"""riskreg reads every real AI manifest and chart in ../shared/data without an error, each file or
chart its own target, and the committed review covers at least 30 of them."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.real_data import REVIEW, run_check, targets, verdict


def test_every_file_and_chart_is_read_and_judged() -> None:
    paths = targets()
    assert len([p for p in paths if "ai-k8s" in p]) >= 30 and any("helm-charts" in p for p in paths)
    report = run_check(paths)
    assert report["summary"]["targets"] == len(paths)
    assert report["errors"] == [] and report["summary"]["errors"] == 0
    judged = {finding["target"] for finding in report["findings"]}
    assert judged == {path.rstrip("/") for path in paths}


def test_review_names_real_targets_and_covers_at_least_30() -> None:
    reviews = yaml.safe_load(REVIEW.read_text(encoding="utf-8"))
    names = {Path(path).name for path in targets()}
    assert set(reviews) <= names
    assert len(reviews) >= 30
    assert all(review.get("why") for review in reviews.values())


def test_verdict() -> None:
    review = {"expect": ["A", "B"], "either": ["C"], "why": "x"}
    assert verdict({"A", "B"}, review) == "yes"
    assert verdict({"A", "B", "C"}, review) == "yes"
    assert verdict({"A", "D"}, review) == "no: misses B; extra D"
    assert verdict(set(), None) == "not reviewed"
