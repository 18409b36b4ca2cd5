"""`riskreg check` as a user runs it (a subprocess), against the real opa: every exit code."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from riskreg.policy.engines.binary import OpaBinary
from riskreg.policy.engines.opa_server import OpaServerEngine
from tests.integration.conftest import FIXTURES, child_pids, run_riskreg

TARGETS = FIXTURES / "targets"


def riskreg(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    return run_riskreg(*args, env=env, stdin=stdin)


def _base(policies: Path, risks: Path) -> list[str]:
    return ["check", "--policies", str(policies), "--risks", str(risks)]


def test_clean_target_exits_0(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(*_base(demo_policies, empty_register), str(TARGETS / "pod.ok.yaml"))
    assert done.returncode == 0, done.stderr
    assert "passed" in done.stderr


def test_violation_exits_1_and_reports_resource(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(*_base(demo_policies, empty_register), str(TARGETS), "-f", "json")
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    failing = [f for f in report["findings"] if f["outcome"] == "fail"]
    assert [(f["control_id"], f["resource"], f["path"]) for f in failing] == [
        ("DEMO-001", "Pod/p1", "spec.hostNetwork")
    ]
    assert report["summary"]["by_outcome"]["fail"] == 1


def test_fail_on_threshold_above_the_severity_exits_0(
    demo_policies: Path, empty_register: Path
) -> None:
    done = riskreg(*_base(demo_policies, empty_register), str(TARGETS), "--fail-on", "critical")
    assert done.returncode == 0, done.stderr


def test_unknown_format_is_usage_error_2(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(*_base(demo_policies, empty_register), str(TARGETS), "--format", "yaml")
    assert done.returncode == 2
    assert done.stdout == ""


def test_missing_path_is_usage_error_2(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(*_base(demo_policies, empty_register), "does/not/exist.yaml")
    assert done.returncode == 2
    assert "does/not/exist.yaml" in done.stderr


def test_bad_manifest_exits_3_with_one_line(
    demo_policies: Path, empty_register: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: Pod\nmetadata:\n  name: a\n  name: b\n")
    done = riskreg(*_base(demo_policies, empty_register), str(bad))
    assert done.returncode == 3
    assert (
        done.stderr.count("\n") == 1
        and "duplicate key 'name'" in done.stderr
        and ":4:" in done.stderr
    )
    assert "Traceback" not in done.stderr


def test_missing_opa_exits_4(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(
        *_base(demo_policies, empty_register), str(TARGETS), "--opa-binary", "/nonexistent/opa"
    )
    assert done.returncode == 4
    assert "opa not found" in done.stderr


def test_undefined_control_exits_4_naming_control_and_target(
    demo_policies: Path, empty_register: Path
) -> None:
    folder = demo_policies / "demo" / "no_deny"
    folder.mkdir()
    (folder / "no_deny.rego").write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: DEMO-010\n#   severity: low\n"
        "#   mitigates: [mit1.m1]\n#   kinds: [Pod]\npackage riskreg.demo.no_deny\n\nallow := true\n"
    )
    done = riskreg(*_base(demo_policies, empty_register), str(TARGETS / "pod.ok.yaml"))
    assert done.returncode == 4
    assert "DEMO-010" in done.stderr and "pod.ok.yaml" in done.stderr


def test_stdin_target(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(
        *_base(demo_policies, empty_register),
        "-",
        stdin=(TARGETS / "pod.host-network.yaml").read_text(),
    )
    assert done.returncode == 1
    assert "<stdin>" in done.stdout


def test_print_input_shows_what_opa_receives(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(
        *_base(demo_policies, empty_register), "--print-input", str(TARGETS / "pod.ok.yaml")
    )
    assert done.returncode == 0
    document = json.loads(done.stdout)
    assert document["documents"][0]["contents"]["metadata"]["name"] == "p2"
    assert set(document) == {"riskreg", "target", "documents"}


def test_output_file_is_written_and_stdout_empty(
    demo_policies: Path, empty_register: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.sarif"
    done = riskreg(
        *_base(demo_policies, empty_register), str(TARGETS), "-f", "sarif", "-o", str(out)
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert json.loads(out.read_text())["runs"][0]["results"][0]["ruleId"] == "DEMO-001"


def test_opa_url_uses_an_existing_server(
    opa: OpaBinary, demo_policies: Path, empty_register: Path
) -> None:
    with OpaServerEngine(opa, demo_policies, {}) as server:
        done = riskreg(
            *_base(demo_policies, empty_register),
            str(TARGETS),
            "--opa-url",
            server.url,
            "-f",
            "json",
            env={"RISKREG_OPA_TOKEN": server.token},
        )
        refused = riskreg(
            *_base(demo_policies, empty_register), str(TARGETS), "--opa-url", server.url
        )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["summary"]["by_outcome"]["fail"] == 1
    assert refused.returncode == 4 and "HTTP 401" in refused.stderr


def test_opa_url_refusing_connections_exits_4(demo_policies: Path, empty_register: Path) -> None:
    done = riskreg(
        *_base(demo_policies, empty_register), str(TARGETS), "--opa-url", "http://127.0.0.1:9"
    )
    assert done.returncode == 4
    assert "unreachable" in done.stderr


def _forever(policies: Path) -> None:
    folder = policies / "demo" / "forever"
    folder.mkdir()
    (folder / "forever.rego").write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: DEMO-011\n#   severity: low\n"
        "#   mitigates: [mit1.m1]\n#   kinds: [Pod]\npackage riskreg.demo.forever\n\n"
        'deny contains "x" if {\n\tsome n in numbers.range(1, 1000000000)\n\tn < 0\n}\n'
    )


def _start_stuck_run(policies: Path, risks: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """A riskreg check stuck in a never-ending control, and the pid(s) of its opa server."""
    _forever(policies)
    process = subprocess.Popen(
        [sys.executable, "-m", "riskreg", *_base(policies, risks), str(TARGETS)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    opa_pids: list[int] = []
    deadline = time.monotonic() + 20
    while not opa_pids and time.monotonic() < deadline:
        time.sleep(0.1)
        opa_pids = child_pids(process.pid)
    assert opa_pids, "riskreg never started its opa server"
    time.sleep(1.0)
    assert process.poll() is None, "riskreg should still be evaluating the never-ending control"
    return process, opa_pids


@pytest.mark.slow
def test_sigterm_leaves_no_orphan_opa(demo_policies: Path, empty_register: Path) -> None:
    process, opa_pids = _start_stuck_run(demo_policies, empty_register)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 4
    assert "SIGTERM" in stderr
    time.sleep(0.3)
    assert all(not _alive(pid) for pid in opa_pids)


@pytest.mark.slow
def test_sigkill_of_riskreg_still_stops_opa(demo_policies: Path, empty_register: Path) -> None:
    process, opa_pids = _start_stuck_run(demo_policies, empty_register)
    process.kill()
    process.communicate(timeout=15)
    time.sleep(0.5)
    assert all(not _alive(pid) for pid in opa_pids)


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def test_fail_on_from_pyproject_and_flag_precedence(
    demo_policies: Path, empty_register: Path, tmp_path: Path
) -> None:
    """[tool.riskreg] fail_on raises the threshold; RISKREG_FAIL_ON and then the flag win over it."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.riskreg]\nfail_on = "critical"\n')
    args = [*_base(demo_policies, empty_register), str(TARGETS / "pod.host-network.yaml")]

    def run_in_project(*extra: str, env: dict[str, str] | None = None) -> int:
        done = subprocess.run(
            [sys.executable, "-m", "riskreg", *args, *extra], cwd=project, capture_output=True,
            text=True, timeout=120, check=False, env={**os.environ, **(env or {})},
        )  # fmt: skip
        return done.returncode

    assert run_in_project() == 0  # high < critical from the config
    assert run_in_project(env={"RISKREG_FAIL_ON": "high"}) == 1
    assert run_in_project("--fail-on", "low", env={"RISKREG_FAIL_ON": "critical"}) == 1


def test_junit_from_a_real_run_validates_against_the_xsd(
    demo_policies: Path, empty_register: Path
) -> None:
    import xmlschema

    done = riskreg(*_base(demo_policies, empty_register), str(TARGETS), "-f", "junit")
    assert done.returncode == 1, done.stderr
    schema = xmlschema.XMLSchema(str(FIXTURES.parents[1] / "schemas" / "junit.xsd"))
    schema.validate(done.stdout)
    assert "<failure" in done.stdout


def test_json_report_records_every_input_with_its_sha256(
    demo_policies: Path, empty_register: Path
) -> None:
    import hashlib

    done = riskreg(*_base(demo_policies, empty_register), str(TARGETS), "-f", "json")
    inputs = {
        (i["kind"], Path(i["path"]).name): i["sha256"] for i in json.loads(done.stdout)["inputs"]
    }
    pod = TARGETS / "pod.ok.yaml"
    assert inputs[("manifest", pod.name)] == hashlib.sha256(pod.read_bytes()).hexdigest()
    assert ("policy", "host_network.rego") in inputs
    assert ("register", "demo.yaml") in inputs
