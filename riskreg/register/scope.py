"""Pure scoping: which register risks each system is assessed against, and what nobody scoped.

A register without systems has one implicit system, `all`, that claims every target and scopes
every risk with the highest appetite: it gates nothing, so such a register behaves as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from fnmatch import fnmatchcase

from riskreg.models.criteria import Scale
from riskreg.models.risk import Register, Risk
from riskreg.models.scope import Scope
from riskreg.models.system import AISystem, Evidence, Lifecycle, Role, SystemFile

IMPLICIT_ID = "all"
UNCLASSIFIED = "unclassified"


def implicit_system(scale: Scale) -> SystemFile:
    """The one system of a register that defines none: every target, every risk, no gate."""
    system = AISystem(
        id=IMPLICIT_ID,
        name="All targets",
        purpose="Every evaluated target, as one system (the register defines no AI systems)",
        owner="unassigned",
        lifecycle=Lifecycle.OPERATION,
        role=Role.DEPLOYER,
        evidence=Evidence(targets=["*"]),
        appetite=scale.levels[-1],
    )
    return SystemFile(system=system, scope=Scope(every_risk=True))


def effective_systems(systems: list[SystemFile], scale: Scale) -> list[SystemFile]:
    """The register's systems, or the implicit one when it has none."""
    return systems if systems else [implicit_system(scale)]


def in_scope(system: SystemFile, risks: Iterable[Risk]) -> list[Risk]:
    """The risks of `risks` (register order kept) that are in the system's scope."""
    return [risk for risk in risks if system.scope.covers(risk)]


def scope_map(systems: Iterable[SystemFile], register: Register) -> dict[str, list[str]]:
    """System id -> ids of its in-scope risks, in register order."""
    return {
        item.system.id: [risk.id for risk in in_scope(item, register.risks)] for item in systems
    }


def unassessed_counts(register: Register, scoped: Mapping[str, Collection[str]]) -> dict[str, int]:
    """Risks no system scoped, counted per MIT subdomain code (`unclassified` when uncoded).

    These are catalogue entries nobody has assessed yet: reported as counts, not as gaps.
    """
    taken = {risk_id for ids in scoped.values() for risk_id in ids}
    counts = Counter(
        risk.subdomain.code if risk.subdomain else UNCLASSIFIED
        for risk in register.risks
        if risk.id not in taken
    )
    return dict(sorted(counts.items(), key=lambda item: _code_key(item[0])))


def _code_key(code: str) -> tuple[tuple[int, str], ...]:
    return tuple((0, part.zfill(6)) if part.isdigit() else (1, part) for part in code.split("."))


def not_assessed(system: SystemFile, in_scope_ids: Iterable[str]) -> list[str]:
    """In-scope risks of a system that have no assessment yet."""
    assessed = {entry.risk for entry in system.risks if entry.assessment is not None}
    return [risk_id for risk_id in in_scope_ids if risk_id not in assessed]


def claims(system: AISystem, target: str, deployments: Collection[str] = ()) -> bool:
    """Whether a target is the system's evidence: its name matches a target glob, or it holds
    one of the system's AIDeployments (`namespace/name`)."""
    name = target.removeprefix("./")
    if any(fnmatchcase(name, pattern.removeprefix("./")) for pattern in system.evidence.targets):
        return True
    return any(ref in deployments for ref in system.evidence.deployments)


def target_owners(
    systems: Iterable[SystemFile], targets: Mapping[str, Collection[str]]
) -> dict[str, list[str]]:
    """Target name -> ids of the systems claiming it (empty list: unowned evidence).

    `targets` maps each target name to the AIDeployments (`namespace/name`) found in it; a target
    claimed by two systems counts for both.
    """
    items = list(systems)
    return {
        target: [item.system.id for item in items if claims(item.system, target, deployments)]
        for target, deployments in targets.items()
    }
