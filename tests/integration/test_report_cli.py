"""`riskreg report`, `coverage` and `graph` on the bundled examples with the real opa: structure,
not bytes (the controls evolve; the golden files cover the bytes)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest

from riskreg.cli.app import run

pytestmark = [pytest.mark.opa, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "deployments"
COMMON = ["--risks", str(REPO / "risks"), "--policies", str(REPO / "policies")]
NOW = ["--now", "2026-01-31T12:00:00+00:00"]
ALL = ["html", "pdf", "json", "md", "csv", "oscal", "oscal-poam", "sarif", "junit"]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    formats = [arg for fmt in ALL for arg in ("-f", fmt)]
    code = run(["report", str(EXAMPLES), *formats, "--output-dir", str(out), *COMMON, *NOW])
    assert code == 0
    return out


def _json(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_format_is_written(written: Path) -> None:
    names = sorted(p.name for p in written.iterdir())
    assert len(names) == len(ALL)
    assert (written / "riskreg-report.pdf").read_bytes().startswith(b"%PDF-")


def test_json_report_validates_and_names_the_failing_examples(written: Path) -> None:
    report = _json(written / "riskreg-report.json")
    schema = _json(REPO / "riskreg" / "schemas" / "report.schema.json")
    jsonschema.validate(report, schema)
    reasons = {gap["mitigation_id"]: " ".join(gap["reasons"]) for gap in report["coverage"]["gaps"]}
    assert any(m.startswith("mit1163") and "coding-agent" in r for m, r in reasons.items())
    assert any(m.startswith("mit1158") and "coding-agent" in r for m, r in reasons.items())
    assert any(m.startswith("mit1166") and "public-chat-api" in r for m, r in reasons.items())
    assert not any("browsing-agent" in r for r in reasons.values())


def test_inputs_carry_true_sha256(written: Path) -> None:
    inputs = _json(written / "riskreg-report.json")["inputs"]
    assert {item["kind"] for item in inputs} == {"manifest", "policy", "register"}
    for item in inputs:
        path = Path(item["path"]) if Path(item["path"]).is_absolute() else REPO / item["path"]
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() == item["sha256"]


def test_oscal_documents_validate(written: Path) -> None:
    from trestle.oscal.assessment_results import AssessmentResults
    from trestle.oscal.poam import PlanOfActionAndMilestones

    AssessmentResults.model_validate(
        _json(written / "riskreg-report.oscal-ar.json")["assessment-results"]
    )
    PlanOfActionAndMilestones.model_validate(
        _json(written / "riskreg-report.oscal-poam.json")["plan-of-action-and-milestones"]
    )


def test_sarif_validates(written: Path) -> None:
    for schema in (REPO / "tests" / "schemas").glob("sarif*.json"):
        jsonschema.validate(_json(written / "riskreg-report.sarif"), _json(schema))


def test_from_json_gives_the_same_coverage(
    written: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "run.json"
    check = run(["check", str(EXAMPLES), "-f", "json", "-o", str(saved), *COMMON, *NOW])
    assert check == 1  # the examples include failing deployments
    jsonschema.validate(_json(saved), _json(REPO / "riskreg" / "schemas" / "report.schema.json"))
    capsys.readouterr()
    assert run(["coverage", "--from-json", str(saved), "-f", "json", *COMMON]) == 0
    from_saved = json.loads(capsys.readouterr().out)
    fresh = _json(written / "riskreg-report.json")["coverage"]
    assert from_saved["risks_by_status"] == fresh["risks_by_status"]
    assert from_saved["gaps"] == fresh["gaps"]


def test_fail_on_makes_report_a_gate(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    code = run(
        ["report", str(EXAMPLES), "-f", "md", "-o", str(target), "--fail-on", "low", *COMMON]
    )
    assert code == 1
    assert target.read_text(encoding="utf-8").startswith("## riskreg")


def test_check_still_rejects_report_formats() -> None:
    assert run(["check", str(EXAMPLES), "-f", "html", *COMMON]) == 2


def test_several_formats_need_output_dir() -> None:
    assert run(["report", str(EXAMPLES), "-f", "md", "-f", "csv", *COMMON]) == 2


def test_graph_and_coverage_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["graph", str(EXAMPLES), "-f", "graphml", *COMMON]) == 0
    assert "<graphml" in capsys.readouterr().out
    assert run(["coverage", *COMMON]) == 0  # no PATHs: the wiring, nothing evaluated
    assert "gaps (" in capsys.readouterr().out
