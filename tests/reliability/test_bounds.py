"""Issue 15: the opa child and the renderers run under bounds; reaching one is exit 4 with one line
naming the bound, the control where it can be known, and the option that raises it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.reliability.conftest import FIXTURES, riskreg
from tests.reliability.test_engine_faults import _control, _evaluation_failed, _opa_processes_on

pytestmark = pytest.mark.slow
TARGETS = FIXTURES / "targets"
# Grows without end: a list of 200 million integers.
ALLOCATING = 'deny contains "x" if {\n\tcount([n | some n in numbers.range(1, 200000000)]) < 0\n}'
NEVER_ENDING = 'deny contains "x" if {\n\tsome n in numbers.range(1, 1000000000)\n\tn < 0\n}'
# Quadratic in the number of documents: fine for a real target, slow for a crafted one.
QUADRATIC = (
    'deny contains "x" if {\n\tsome a in input.documents\n\tsome b in input.documents\n'
    '\tsome c in input.documents\n\ta.contents.metadata.name == concat("", [b.contents.kind, '
    'c.contents.kind, "never"])\n}'
)
BOUND_MB = 300


def test_deny_allocating_control_stops_at_the_memory_bound(base: list[str], policies: Path) -> None:
    _control(policies, "hungry", ALLOCATING)
    run = riskreg(*base, str(TARGETS / "pod.ok.yaml"), "--opa-memory", f"{BOUND_MB}MiB",
                  "--timeout", "60")  # fmt: skip
    line = _evaluation_failed(run, "reached its memory bound", f"= {BOUND_MB}MiB", "--opa-memory")
    assert "riskreg.demo.hungry" in line  # diagnosis names the control that reaches it alone
    # The peak of riskreg and the opa it waited for: the bound held (plus riskreg itself).
    assert run.peak_mb < BOUND_MB + 150, run.peak_mb
    assert _opa_processes_on(policies) == []


def test_deny_never_ending_control_names_the_control_and_the_option(
    base: list[str], policies: Path
) -> None:
    _control(policies, "forever", NEVER_ENDING)
    run = riskreg(*base, str(TARGETS / "pod.ok.yaml"), "--timeout", "2")
    line = _evaluation_failed(run, "did not answer within 2 s", "raise --timeout")
    assert "riskreg.demo.forever) reaches it alone" in line
    assert run.peak_mb < 2048 + 150  # the default bound, even while it spins
    assert _opa_processes_on(policies) == []


def test_deny_quadratic_control_on_a_crafted_input_ends_at_the_timeout(
    base: list[str], policies: Path, work: Path
) -> None:
    _control(policies, "cubic", QUADRATIC)
    docs = "".join(f"---\nkind: ConfigMap\nmetadata: {{name: c{i}}}\n" for i in range(2000))
    (work / "many.yaml").write_text(docs)
    run = riskreg(*base, "many.yaml", "--timeout", "2", "-f", "json", "-o", "out.json", cwd=work)
    _evaluation_failed(run, "did not answer within 2 s")
    failed = json.loads((work / "out.json").read_text())
    assert failed["findings"] == [] and failed["errors"], "a failed-run report, never a partial one"
    assert _opa_processes_on(policies) == []


@pytest.mark.skipif(shutil.which("helm") is None and not Path(".tools/bin/helm").exists(),
                    reason="helm is installed by make install")  # fmt: skip
def test_deny_helm_chart_that_allocates_stops_at_the_render_bound(
    base: list[str], work: Path
) -> None:
    chart = work / "greedy"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: greedy\nversion: 0.1.0\n")
    (chart / "templates" / "cm.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
        "data:\n  n: {{ len (until 400000000) | quote }}\n"
    )
    (work / "riskreg.toml").write_text('render_memory = "200MiB"\nrender_timeout = 60\n')
    run = riskreg(*base, "greedy", cwd=work)
    _evaluation_failed(run, "greedy", "reached its memory bound (render_memory = 200MiB)")
