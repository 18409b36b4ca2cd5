"""Section 3 of issue 8: atomic --output, no injection from manifest values, errors in outputs.

The reports helper's own tests check each renderer's escaping on a fixture Report
(tests/unit/render, tests/golden, the headless-browser XSS test); here the hostile values come
from a real manifest through the real opa, and every registered format is rendered from that.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from riskreg.models.finding import Finding, Outcome, Report
from riskreg.render.registry import REPORT_RENDERERS, ReportFormat, render_report
from tests.reliability.conftest import REPO, riskreg
from tests.reliability.test_engine_faults import NEVER_ENDING, _control

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
HOSTILE_NAME = f"../../{SCRIPT}]]>{FORMULA}\x0b|*[x](javascript:alert(1))"
HOSTILE_POD = json.dumps(
    {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": HOSTILE_NAME},
        "spec": {"hostNetwork": True},
    }
)


@pytest.fixture
def hostile_report(base: list[str], work: Path) -> Report:
    """A real run on a Pod whose name is hostile in every format at once."""
    (work / "pod.json").write_text(HOSTILE_POD)
    run = riskreg(*base, "pod.json", "-f", "json", "-o", "run.json", cwd=work)
    assert run.returncode == 1, run.stderr
    report = Report.model_validate_json((work / "run.json").read_text())
    assert any(HOSTILE_NAME in (finding.resource or "") for finding in report.findings)
    return report


def _text(report: Report, output_format: ReportFormat) -> str:
    rendered = render_report(report, output_format)
    return rendered.decode("utf-8", "replace") if isinstance(rendered, bytes) else rendered


def test_every_report_format_is_checked_here() -> None:
    """A new format must get an injection check below, or this test says which one is missing."""
    checked = {"html", "md", "json", "sarif", "junit", "oscal", "oscal-poam", "csv", "pdf"}
    checked |= {"openreports", "policyreport"}
    assert {output_format.value for output_format in ReportFormat} <= checked
    assert set(REPORT_RENDERERS) == set(ReportFormat)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def test_json_and_sarif_carry_the_value_exactly(hostile_report: Report) -> None:
    for output_format in (ReportFormat.JSON, ReportFormat.SARIF):
        document = json.loads(_text(hostile_report, output_format))
        assert any(HOSTILE_NAME in text for text in _strings(document)), output_format


@pytest.mark.parametrize("output_format", [ReportFormat.OSCAL, ReportFormat.OSCAL_POAM])
def test_oscal_stays_valid_json(hostile_report: Report, output_format: ReportFormat) -> None:
    json.loads(_text(hostile_report, output_format))


@pytest.mark.parametrize("output_format", [ReportFormat.OPENREPORTS, ReportFormat.POLICYREPORT])
def test_kubernetes_reports_carry_the_value_exactly_and_stay_valid(
    hostile_report: Report, output_format: ReportFormat
) -> None:
    """A name with YAML syntax, a document marker and control characters stays one string."""
    import yaml

    from tests.unit.render.test_k8s_results import validate

    sneaky = f"{HOSTILE_NAME}\n---\nkind: Evil\n"
    # Kind/namespace/name, as riskreg.lib.result writes it (the fixture control writes Kind/name).
    findings = [
        finding.model_copy(update={"resource": f"Pod/default/{sneaky}"})
        if finding.resource else finding
        for finding in hostile_report.findings
    ]  # fmt: skip
    report = hostile_report.model_copy(update={"findings": findings})
    documents = list(yaml.safe_load_all(_text(report, output_format)))
    assert {document["kind"] for document in documents} <= {
        "Report", "ClusterReport", "PolicyReport", "ClusterPolicyReport"
    }  # fmt: skip
    for document in documents:
        validate(document)
    names = [
        r["name"] for d in documents for result in d["results"] for r in result.get("resources", [])
    ]
    assert sneaky in names


def test_junit_has_no_illegal_xml_and_keeps_its_structure(hostile_report: Report) -> None:
    text = _text(hostile_report, ReportFormat.JUNIT)
    assert "\x0b" not in text
    root = ET.fromstring(text.encode())
    cases = list(root.iter("testcase"))
    assert cases and root.get("failures") == "1"
    assert all(child.tag in {"failure", "error", "skipped"} for case in cases for child in case)


def test_html_shows_the_script_as_text(hostile_report: Report) -> None:
    text = _text(hostile_report, ReportFormat.HTML)
    assert SCRIPT not in text
    assert 'href="javascript:' not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_markdown_cannot_open_html_or_links(hostile_report: Report) -> None:
    text = _text(hostile_report, ReportFormat.MD)
    assert SCRIPT not in text
    assert not re.search(r"(?<!\\)\[x(?<!\\)\]\(javascript:", text)  # escaped: not a link
    for line in text.splitlines():
        if HOSTILE_NAME[:6] in line and line.startswith("|"):
            assert "|*[x]" not in line  # the pipe inside the value is escaped


@pytest.mark.slow
def test_pdf_renders(hostile_report: Report) -> None:
    """The PDF is printed from the HTML checked above; here only that it renders at all."""
    rendered = render_report(hostile_report, ReportFormat.PDF)
    assert isinstance(rendered, bytes) and rendered.startswith(b"%PDF")


def test_csv_neutralises_formulas_from_the_register(
    policies: Path, tmp_path: Path, work: Path
) -> None:
    """CSV cells come from the register (risk and mitigation titles), e.g. an imported page."""
    risks = tmp_path / "hostile-risks"
    risks.mkdir()
    seed = (REPO / "risks" / "domain-7.yaml").read_text()
    hostile = seed.replace("title: Agency (Self-Proliferation)", f'title: "{FORMULA}"', 1)
    assert hostile != seed
    (risks / "domain-7.yaml").write_text(hostile)
    (work / "pod.json").write_text(HOSTILE_POD)
    run = riskreg(
        "report", "pod.json", "--policies", str(policies), "--risks", str(risks),
        "-f", "csv", "-o", "gaps.csv", cwd=work,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    cells = [
        cell for row in csv.reader(io.StringIO((work / "gaps.csv").read_text())) for cell in row
    ]
    assert "'" + FORMULA in cells
    assert not [cell for cell in cells if cell[:1] in {"=", "+", "-", "@", "\t", "\r"}]


def test_resource_names_never_become_paths(base: list[str], policies: Path, work: Path) -> None:
    """`../` in a name writes nothing outside --output-dir; the report files are the only files."""
    (work / "pod.json").write_text(HOSTILE_POD)
    before = set(work.parent.rglob("*"))
    run = riskreg(
        "report", "pod.json", "--policies", str(policies), "--risks", base[4],
        "-f", "html", "-f", "json", "--output-dir", "out", cwd=work,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    # Besides the reports only the documented catalogue cache (.riskreg/cache/, README "Run
    # history"), whose file names are digests, never names from the input.
    cache = work / ".riskreg"
    created = {path for path in set(work.parent.rglob("*")) - before if cache not in path.parents}
    assert created - {cache} == {
        work / "out",
        work / "out/riskreg-report.html",
        work / "out/riskreg-report.json",
    }


# --- errors are visible in machine outputs -------------------------------------------------


def _with_error(report: Report) -> Report:
    erred = Finding(
        control_id=report.controls[0].id,
        target="t",
        outcome=Outcome.ERROR,
        severity=report.controls[0].severity,
        mitigation_ids=[],
        risk_ids=[],
        message="evaluation failed: timeout",
    )
    summary = report.summary.model_copy(update={"errors": 1})
    return report.model_copy(
        update={
            "findings": [*report.findings, erred],
            "errors": ["opa did not answer within 2 s"],
            "summary": summary,
            "passed_gate": False,
        }
    )


def test_errors_show_in_sarif_junit_and_json(hostile_report: Report) -> None:
    report = _with_error(hostile_report)
    sarif = json.loads(_text(report, ReportFormat.SARIF))
    invocation = sarif["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"]
    junit = ET.fromstring(_text(report, ReportFormat.JUNIT).encode())
    assert junit.get("errors") != "0" and list(junit.iter("error"))
    document = json.loads(_text(report, ReportFormat.JSON))
    assert "error" in {finding["outcome"] for finding in document["findings"]}
    assert document["passed_gate"] is False and document["summary"]["errors"] == 1


def test_a_clean_report_says_so_only_when_clean(hostile_report: Report) -> None:
    clean = hostile_report.model_copy(update={"findings": [], "passed_gate": True})
    sarif = json.loads(_text(clean, ReportFormat.SARIF))
    assert sarif["runs"][0]["invocations"][0]["executionSuccessful"] is True
    assert not json.loads(_text(_with_error(clean), ReportFormat.SARIF))["runs"][0]["invocations"][
        0
    ]["executionSuccessful"]


# --- atomic --output -----------------------------------------------------------------------

_SLOW_WRITER = """
import os, sys, time
from pathlib import Path
from riskreg.cli import console
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    sys.stdout.write("written\\n"); sys.stdout.flush()
    time.sleep(30)
console.os.fsync = slow_fsync
console.write_atomic(Path(sys.argv[1]), "new report\\n" * 500_000)
"""


def test_sigkill_while_writing_keeps_the_previous_file(work: Path) -> None:
    """Killed after the new bytes are on disk but before the rename: the old file is intact."""
    target = work / "report.sarif"
    target.write_text("previous report\n")
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert writer.stdout is not None and writer.stdout.readline() == "written\n"
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=10)
    assert target.read_text() == "previous report\n"
    leftovers = [path.name for path in work.iterdir() if path != target]
    assert all(name.startswith(".report.sarif.") and name.endswith(".tmp") for name in leftovers)


@pytest.mark.slow
def test_sigkill_during_evaluation_keeps_the_previous_file(
    base: list[str], policies: Path, work: Path
) -> None:
    _control(policies, "forever", NEVER_ENDING)
    (work / "pod.json").write_text(HOSTILE_POD)
    (work / "report.sarif").write_text("previous report\n")

    def kill_soon(process: object) -> None:
        time.sleep(3.0)
        os.kill(getattr(process, "pid", 0), signal.SIGKILL)

    run = riskreg(
        *base, "pod.json", "-f", "sarif", "-o", "report.sarif", cwd=work, on_start=kill_soon
    )
    assert run.returncode == -signal.SIGKILL
    assert (work / "report.sarif").read_text() == "previous report\n"


def test_failed_run_writes_only_a_failed_run_report(
    base: list[str], policies: Path, work: Path
) -> None:
    """Exit 4 with --output: the file says the run failed and carries no verdicts, so a partial
    run is never presented as a result."""
    (work / "pod.json").write_text(HOSTILE_POD)
    run = riskreg(
        *base, "pod.json", "-f", "sarif", "-o", "report.sarif", "--opa-url", "http://127.0.0.1:9",
        cwd=work,
    )  # fmt: skip
    assert run.returncode == 4, run.stderr
    sarif = json.loads((work / "report.sarif").read_text())["runs"][0]
    assert sarif["invocations"][0]["executionSuccessful"] is False
    assert sarif["results"] == []


def test_failed_run_does_not_leave_a_stale_clean_report(
    base: list[str], policies: Path, work: Path
) -> None:
    (work / "pod.json").write_text(HOSTILE_POD.replace("true", "false"))
    clean = riskreg(*base, "pod.json", "-f", "sarif", "-o", "report.sarif", cwd=work)
    assert clean.returncode == 0, clean.stderr
    failed = riskreg(
        *base, "pod.json", "-f", "sarif", "-o", "report.sarif", "--opa-url", "http://127.0.0.1:9",
        cwd=work,
    )  # fmt: skip
    assert failed.returncode == 4
    invocation = json.loads((work / "report.sarif").read_text())["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "unreachable" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_failed_run_report_names_the_control_pack(
    base: list[str], policies: Path, work: Path
) -> None:
    """Exit 4 after the pack was opened: the failed-run report still says which controls were
    meant to run (JSON control_pack, SARIF run properties)."""
    (work / "pod.json").write_text(HOSTILE_POD)
    unreachable = ["--opa-url", "http://127.0.0.1:9"]
    for output_format, name in (("json", "report.json"), ("sarif", "report.sarif")):
        run = riskreg(*base, "pod.json", "-f", output_format, "-o", name, *unreachable, cwd=work)
        assert run.returncode == 4, run.stderr
        document = json.loads((work / name).read_text())
        if output_format == "sarif":
            document = document["runs"][0]["properties"]["riskreg/controlPack"]
            pack = document
        else:
            assert document["errors"] and document["findings"] == []
            pack = document["control_pack"]
        assert pack["path"] == str(policies) and pack["signature"] == "unsigned"
        assert re.fullmatch(r"[0-9a-f]{64}", pack["sha256"])


def test_bad_input_met_after_the_pack_opened_replaces_the_report_and_names_the_pack(
    base: list[str], policies: Path, work: Path
) -> None:
    """Exit 3 from a manifest read while targets stream (the pack already open): the earlier clean
    report is replaced by a failed-run report naming the pack, as for exit 4."""
    (work / "a").mkdir()
    (work / "a" / "pod.json").write_text(HOSTILE_POD.replace("true", "false"))
    assert riskreg(*base, "a", "-f", "json", "-o", "report.json", cwd=work).returncode == 0
    (work / "b").mkdir()
    (work / "b" / "pod.yaml").write_text("kind: Pod\nkind: Pod\n")  # a duplicate key: exit 3
    run = riskreg(*base, "a", "b", "-f", "json", "-o", "report.json", cwd=work)
    assert run.returncode == 3, run.stderr
    document = json.loads((work / "report.json").read_text())
    assert document["passed_gate"] is False and document["findings"] == []
    assert "duplicate" in document["errors"][0]
    assert document["control_pack"]["path"] == str(policies)
