"""Running OPA's and Regal's own checks on the policies folder (fmt, strict check, lint, test)."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from riskreg.errors import InvalidInputError, ToolMissingError
from riskreg.models.pack import PolicyRoot, as_roots
from riskreg.policy.catalog import Catalog
from riskreg.policy.engines.binary import OpaBinary
from riskreg.resources import on_path

# Samples are targets, not data; params.yaml is data the controls need, so it stays in.
TEST_IGNORES = ["--ignore", "samples", "--ignore", "*.md"]


@dataclass(frozen=True)
class StepResult:
    """One check's outcome: its name, whether it passed, and what the tool printed."""

    name: str
    ok: bool
    output: str


def _run(name: str, command: list[str], timeout: float = 300) -> StepResult:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return StepResult(name, False, f"{command[0]} could not run: {exc}")
    return StepResult(name, done.returncode == 0, (done.stdout + done.stderr).strip())


def find_regal(opa: OpaBinary) -> Path:
    """Regal sits next to the pinned opa (.tools/bin) or on PATH."""
    beside = opa.path.parent / "regal"
    if beside.is_file():
        return beside
    found = on_path("regal")
    if found is None:
        raise ToolMissingError("regal not found", hint="run `make install`")
    return found


def lint_steps(opa: OpaBinary, policies: Path | Sequence[PolicyRoot]) -> list[StepResult]:
    """`opa fmt`, `opa check --strict` and `regal lint`, each reported separately. The style
    checks look at the project's own controls (the built-in pack when there are none); the
    strict check compiles every root together, as OPA will run them."""
    roots = as_roots(policies)
    own = [str(root.path) for root in roots if not root.builtin] or [str(roots[0].path)]
    every = [str(root.path) for root in roots]
    regal_config = Path(".regal/config.yaml")
    regal = [str(find_regal(opa)), "lint", *own]
    if regal_config.is_file():
        regal[2:2] = ["--config-file", str(regal_config)]
    return [
        _run("opa fmt", [str(opa.path), "fmt", "--list", "--fail", *own]),
        _run("opa check --strict", [str(opa.path), "check", "--strict", *TEST_IGNORES, *every]),
        _run("regal lint", regal),
    ]


def run_tests(
    opa: OpaBinary, policies: Path | Sequence[Path], threshold: float, verbose: bool
) -> StepResult:
    """`opa test` over every folder together, with coverage threshold; an empty suite is a
    failure, not a pass."""
    folders = [policies] if isinstance(policies, Path) else list(policies)
    command = [str(opa.path), "test", *map(str, folders), "--fail-on-empty", *TEST_IGNORES]
    if threshold > 0:
        command += ["--threshold", str(threshold)]
    if verbose:
        command.append("-v")
    return _run("opa test", command)


def dangling_mitigations(catalog: Catalog, known: set[str]) -> list[str]:
    """One line per control that names a mitigation id the register does not have."""
    return [
        f"{control.file}: {control.id}: mitigates {mid!r}, which is not in the register"
        for control in catalog.controls
        for mid in control.mitigates
        if mid not in known
    ]


def require_no_dangling(catalog: Catalog, known: set[str]) -> None:
    problems = dangling_mitigations(catalog, known)
    if problems:
        raise InvalidInputError(problems[0], hint=f"{len(problems)} dangling id(s) in all")
