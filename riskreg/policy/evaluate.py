"""Evaluating targets in batches and turning OPA's raw results into findings, one per verdict."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from riskreg.errors import EvaluationError
from riskreg.models.control import Control
from riskreg.models.finding import Finding, Outcome
from riskreg.models.pointer import pointer, valid_segments
from riskreg.models.target import Document, Target
from riskreg.policy.catalog import Catalog
from riskreg.policy.engines.interface import (
    Engine,
    EngineBoundError,
    EngineTimeoutError,
    TargetResults,
)

INPUT_SCHEMA = 2
VERIFIED = "verified"
ATTESTED = "attested"
Progress = Callable[[int], None]


@dataclass(frozen=True)
class EvaluationContext:
    """What every target's evaluation shares: the controls, the risks behind them, the clock."""

    catalog: Catalog
    risks_by_mitigation: dict[str, list[str]]
    now_ns: int
    # --context documents, added to every target's input for look-ups (never judged).
    context: tuple[Document, ...] = ()

    @cached_property
    def links(self) -> dict[str, tuple[list[str], list[str]]]:
        """Per control id: its mitigation ids and the risks behind them, sorted (once per run)."""
        return {
            control.id: (
                sorted(control.mitigates),
                sorted(
                    {
                        risk
                        for mid in control.mitigates
                        for risk in self.risks_by_mitigation.get(mid, [])
                    }
                ),
            )
            for control in self.catalog.controls
        }


def build_input(target: Target, now_ns: int, context: Sequence[Document] = ()) -> dict[str, Any]:
    """The exact document OPA receives for one target (`riskreg check --print-input` shows it).

    `context` holds the documents of `--context` folders: looked up by controls (the
    NetworkPolicies, RBAC and RuntimeClasses that apply to the target), never judged.
    """
    shaped: dict[str, Any] = {
        "riskreg": {"schema": INPUT_SCHEMA, "now_ns": now_ns},
        "target": target.name,
        "documents": [document.as_entry() for document in target.documents],
    }
    if context:
        shaped["context"] = [document.as_entry() for document in context]
    return shaped


def _batches(targets: Iterable[Target], size: int) -> Iterator[list[Target]]:
    batch: list[Target] = []
    for target in targets:
        batch.append(target)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def evaluate(
    engine: Engine,
    targets: Iterable[Target],
    context: EvaluationContext,
    batch_size: int = 64,
    progress: Progress | None = None,
    jobs: int = 1,
) -> tuple[list[Finding], list[Target]]:
    """Findings for every control x target, and the targets seen; raises on any engine failure.

    Targets stream in: while OPA evaluates up to `jobs` batches (in Go, on other cores), this
    thread parses the next ones, so neither side waits for the other.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    findings: list[Finding] = []
    seen: list[Target] = []
    pending: deque[tuple[list[Target], Future[list[TargetResults]]]] = deque()

    def settle_oldest() -> None:
        batch, future = pending.popleft()
        try:
            answered = future.result()
        except (EngineTimeoutError, EngineBoundError) as exc:
            raise _named(exc, engine, batch, context) from None
        for target, result in zip(batch, answered, strict=True):
            findings.extend(target_findings(target, result, context))
        # Keep name and file digests only: the documents are done with, and holding them would
        # make memory grow with the number of targets instead of the batch size.
        seen.extend(
            Target(target.name, [], target.files, target.deployment_refs()) for target in batch
        )
        if progress is not None:
            progress(len(batch))

    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="riskreg-opa")
    finished = False
    try:
        for batch in _batches(targets, batch_size):
            inputs = [build_input(target, context.now_ns, context.context) for target in batch]
            pending.append((batch, pool.submit(engine.evaluate, inputs)))
            while len(pending) > max(1, jobs):
                settle_oldest()
        while pending:
            settle_oldest()
        finished = True
    finally:
        # On failure, don't wait for in-flight requests: closing the engine ends them.
        pool.shutdown(wait=finished, cancel_futures=True)
    return findings, seen


def _named(
    exc: EngineTimeoutError | EngineBoundError,
    engine: Engine,
    batch: list[Target],
    context: EvaluationContext,
) -> EvaluationError:
    """The same error, naming the control that reaches the bound alone, when the engine can
    tell (it re-runs each control on the batch in a fresh, equally bounded server)."""
    by_package = context.catalog.by_package_key()
    inputs = [build_input(target, context.now_ns, context.context) for target in batch]
    package = engine.diagnose(inputs, list(by_package))
    if package is None:
        return type(exc)(f"{exc.message}; no single control reaches it alone", hint=exc.hint)
    control = by_package[package]
    return type(exc)(
        f"{exc.message}; control {control.id} ({control.package}) reaches it alone", hint=exc.hint
    )


def target_findings(
    target: Target, results: TargetResults, context: EvaluationContext
) -> list[Finding]:
    """Every control's verdict on one target; a control missing from OPA's answer is an error."""
    findings: list[Finding] = []
    documents = {(document.path, document.index): document for document in target.documents}
    for control in context.catalog.controls:
        raw = results.get(control.package_key)
        if not isinstance(raw, dict) or not isinstance(raw.get("deny"), list):
            raise EvaluationError(
                f"control {control.id} ({control.package}) was undefined on target {target.name}",
                hint="undefined is never a pass; check that the package defines `deny`",
            )
        findings.extend(_control_findings(control, target, raw, documents, context))
    return findings


def _control_findings(
    control: Control,
    target: Target,
    raw: dict[str, list[Any]],
    documents: dict[tuple[str, int], Document],
    context: EvaluationContext,
) -> list[Finding]:
    """fail per deny, warn per warn; otherwise pass only when the control checked something."""
    made = [
        _finding(control, target, Outcome.FAIL, item, documents, context) for item in raw["deny"]
    ]
    made += [
        _finding(control, target, Outcome.WARN, item, documents, context)
        for item in raw.get("warn") or []
    ]
    if not raw["deny"]:
        checked = set(raw.get("checked") or [])
        if checked:
            assurance = VERIFIED if VERIFIED in checked else ATTESTED
            made.append(
                _finding(
                    control,
                    target,
                    Outcome.PASS,
                    {"msg": control.title},
                    documents,
                    context,
                    assurance,
                )
            )
        else:
            message = f"not applicable: nothing here that {control.id} evaluates ({', '.join(control.kinds)})"
            made.append(
                _finding(control, target, Outcome.SKIP, {"msg": message}, documents, context)
            )
    return made


def _finding(
    control: Control,
    target: Target,
    outcome: Outcome,
    item: Any,
    documents: dict[tuple[str, int], Document],
    context: EvaluationContext,
    assurance: str | None = None,
) -> Finding:
    result = item if isinstance(item, dict) else {"msg": str(item)}
    file = result.get("file")
    line, column, json_pointer = _location(result, documents)
    mitigation_ids, risk_ids = context.links[control.id]
    # Every value below is already typed and checked, so skip pydantic's validation on this hot
    # path. A run holds one finding per control and target (420,000 at 10,000 targets), so the
    # parts that are the same for every finding of a control are shared, not copied: the id lists
    # (findings are frozen and nothing mutates them) and the set of fields given (all of them),
    # without model_construct's per-field loop (Finding.trusted).
    return Finding.trusted(
        {
            "control_id": control.id,
            "target": target.name,
            "outcome": outcome,
            "severity": control.severity,
            "mitigation_ids": mitigation_ids,
            "risk_ids": risk_ids,
            "message": str(result.get("msg", "")),
            "resource": _text_or_none(result.get("resource")),
            "path": json_pointer if json_pointer is not None else _path_text(result.get("path")),
            "pointer": json_pointer,
            "file": _text_or_none(file),
            "line": line,
            "column": column,
            "assurance": assurance,
            "enforcement": None,
        }
    )


def _location(
    result: dict[str, Any], documents: dict[tuple[str, int], Document]
) -> tuple[int | None, int | None, str | None]:
    """(line, column, JSON Pointer) of a finding: exact for a path array with its document's
    index (contract schema 2); the document's first line for the older dotted paths."""
    segments = valid_segments(result.get("path"))
    index = result.get("index")
    if segments is None or not isinstance(index, int) or isinstance(index, bool):
        return _line_of(result, documents), None, None
    document = documents.get((str(result.get("file")), index))
    if document is None:
        return None, None, pointer(segments)
    line, column = document.locate(segments)
    return line, column, pointer(segments)


def _line_of(result: dict[str, Any], documents: dict[tuple[str, int], Document]) -> int | None:
    """The line where the offending document starts, found by index or by kind and name."""
    file = result.get("file")
    if not file:
        return None
    if isinstance(result.get("index"), int):
        document = documents.get((str(file), int(result["index"])))
        return document.line if document else None
    kind, _, name = str(result.get("resource") or "").partition("/")
    name = name.rpartition("/")[2]
    for (path, _index), document in documents.items():
        metadata = document.contents.get("metadata")
        named = metadata.get("name") if isinstance(metadata, dict) else None
        if path == file and document.kind == kind and named == name:
            return document.line
    return None


def _path_text(path: Any) -> str | None:
    """A control's path as a JSON Pointer (controls give segment arrays; older ones dotted text)."""
    if isinstance(path, list):
        return pointer(path)
    return _text_or_none(path)


def _text_or_none(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
